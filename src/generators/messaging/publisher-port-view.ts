import type { Diagnostic } from '../../diagnostics.js';
import type { EventPublisherPortModel, MethodSignatureModel } from '../../model/domain.js';
import { publisherAdapterName } from '../../model/names.js';
import { isPlain } from '../../model/types.js';
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
  const returns = method.returnType;
  const returnsPromise = returns.async && returns.target.kind === 'void' && isPlain(returns);
  if (parameter === undefined || rest.some((extra) => !extra.optional) || !returnsPromise) {
    return messagingDiagnostic(
      'unsupportedPortMethod',
      `Publisher port method ${method.name} must take the event (or an array of events) and return Promise<void>`,
      method.location,
      'Declare it as `publish(event: DomainEvent): Promise<void>` or `publishAll(events: DomainEvent[]): Promise<void>`.',
    );
  }
  return { name: method.name, parameter: parameter.name, parameterType: parameter.type.text, returnType: returns.text, delegate: parameter.type.list ? 'publishInOrder' : 'publishOne' };
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
  return { portName: port.name, adapterName: publisherAdapterName(port.name), methods };
}
