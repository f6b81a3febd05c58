import { describe, expect, it } from 'vitest';
import { optionsSchema } from '../../src/config/options.js';
import { inspectDomainSources } from '../../src/inspect/index.js';
import { planPersistence } from '../../src/model/persistence/index.js';

const plan = (sources: Record<string, string>, raw: object = {}) => {
  const { model } = inspectDomainSources(sources);
  return planPersistence(model, optionsSchema.parse(raw));
};
const modelOf = (result: ReturnType<typeof plan>, name: string) => result.persistence.models.find((model) => model.name === name)!;
const column = (result: ReturnType<typeof plan>, model: string, name: string) =>
  modelOf(result, model).fields.find((field) => field.kind === 'column' && field.name === name);

const order = (doc = '', extra = '') => ({
  'src/domain/order.ts': `${doc}
export class Order {
  constructor(
    readonly id: string,
    public total: number,${extra}
  ) {}
}
`,
});

describe('versioned aggregates', () => {
  it('adds a version column the domain does not hold for a class tagged @versioned', () => {
    const result = plan(order('/** @versioned */'));
    expect(result.diagnostics).toEqual([]);
    expect(modelOf(result, 'Order').version).toEqual({ column: 'version' });
    expect(column(result, 'Order', 'version')).toMatchObject({ type: 'Int', default: '0', optional: false, origin: { kind: 'version' } });
  });

  it('versions the aggregates the config names, as the tag does', () => {
    const result = plan(order(), { versioned: ['Order'] });
    expect(modelOf(result, 'Order').version).toEqual({ column: 'version' });
  });

  it('leaves an aggregate that asks for nothing as it was, its own `version` field a plain column', () => {
    const result = plan(order('', '\n    public version: number,'));
    expect(modelOf(result, 'Order').version).toBeUndefined();
    expect(column(result, 'Order', 'version')).toMatchObject({ origin: { kind: 'value' } });
  });

  it('uses the domain’s own version: a field tagged @version, or a `version` number on a versioned aggregate', () => {
    expect(modelOf(plan(order('', '\n    /** @version */\n    public revision: number,')), 'Order').version).toEqual({ column: 'revision', field: 'revision' });
    expect(modelOf(plan(order('/** @versioned */', '\n    public version: number,')), 'Order').version).toEqual({ column: 'version', field: 'version' });
  });

  it('refuses a @version field that is not a whole number with IG206 at the field', () => {
    const result = plan(order('', '\n    /** @version */\n    public revision: string,'));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'IG206',
        severity: 'error',
        message: expect.stringContaining("Order.revision cannot be the aggregate's version: it is not a whole number"),
        location: expect.objectContaining({ file: 'src/domain/order.ts', line: 7 }),
      }),
    ]);
  });

  it('rejects a config `versioned` that is not a list of names', () => {
    expect(() => optionsSchema.parse({ versioned: 'Order' })).toThrow();
    expect(() => optionsSchema.parse({ versioned: [''] })).toThrow();
  });
});
