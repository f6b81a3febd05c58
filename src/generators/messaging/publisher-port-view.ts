import type { Diagnostic } from '../../diagnostics.js';
import type { EventPublisherPortModel, MethodSignatureModel } from '../../model/domain.js';
import { messagingDiagnostic } from './errors.js';

/** One port method as the adapter implements it: publish one event, or several in order. */
export interface PortMethodView {
  name: string;
  parameter: string;
  parameterType: string;
  returnType: string;
  /** The method of the runtime's `EventPublisherAdapter` it calls. */
  delegate: 'publishOne' | 'publishInOrder';
}

export interface PublisherPortView {
  portName: string;
  adapterName: string;
  methods: PortMethodView[];
}

function methodView(method: MethodSignatureModel): PortMethodView | Diagnostic {
  const [parameter, ...rest] = method.parameters;
  const returnsPromise = /^Promise<\s*void\s*>$/.test(method.returnTypeText.trim());
  if (parameter === undefined || rest.some((extra) => !extra.optional) || !returnsPromise) {
    return messagingDiagnostic(
      'unsupportedPortMethod',
      `Publisher port method ${method.name} must take the event (or an array of events) and return Promise<void>`,
      method.location,
      'Declare it as `publish(event: DomainEvent): Promise<void>` or `publishAll(events: DomainEvent[]): Promise<void>`.',
    );
  }
  const type = parameter.typeText.trim();
  const many = /\[\]$/.test(type) || /^(readonly\s+)?(Readonly)?Array<.*>$/.test(type) || /^ReadonlyArray<.*>$/.test(type);
  return { name: method.name, parameter: parameter.name, parameterType: type, returnType: method.returnTypeText.trim(), delegate: many ? 'publishInOrder' : 'publishOne' };
}

export function publisherPortView(port: EventPublisherPortModel): PublisherPortView | Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const methods: PortMethodView[] = [];
  for (const method of port.methods) {
    const view = methodView(method);
    if ('code' in view) diagnostics.push(view);
    else methods.push(view);
  }
  if (diagnostics.length > 0) return diagnostics;
  const base = port.name.replace(/^I(?=[A-Z])/, '').replace(/Port$/, '');
  return { portName: port.name, adapterName: `Broker${base}`, methods };
}
