import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultOptions } from '../../src/config/options.js';
import { discoverDomainFiles } from '../../src/inspect/discover.js';
import type { InspectionResult } from '../../src/inspect/inspect.js';
import type { CachedInspectionInput } from '../../src/inspect/model-cache.js';

/**
 * How often the code under test loaded ts-morph, through the one module the inspector loads it with; each
 * call below starts a fresh module registry.
 */
const tsMorph = { loads: 0 };

const shop = path.resolve(import.meta.dirname, '../fixtures/domains/shop');
const options = defaultOptions();
let dir: string;
let root: string;
let cacheDir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'infragen-model-cache-'));
  root = path.join(dir, 'project');
  cacheDir = path.join(dir, 'cache');
  cpSync(shop, root, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Inspects through the cache, in a fresh module registry so that nothing loaded by an earlier call is reused. */
async function inspectCached(input: Partial<CachedInspectionInput> = {}): Promise<InspectionResult> {
  vi.resetModules();
  vi.doMock('../../src/inspect/ts-morph.js', async (importOriginal) => {
    tsMorph.loads += 1;
    return importOriginal();
  });
  const { inspectDomainCached } = await import('../../src/inspect/model-cache.js');
  const files = await discoverDomainFiles(root, options.entities);
  return inspectDomainCached({ root, files, options, cacheDir, ...input });
}

const fieldNames = (result: InspectionResult, entity: string): string[] =>
  result.model.entities.find((candidate) => candidate.name === entity)!.fields.map((field) => field.name);

describe('the inspected model cache', () => {
  it('gives the identical model for an unchanged domain without loading ts-morph', async () => {
    tsMorph.loads = 0;
    const first = await inspectCached();
    expect(tsMorph.loads).toBe(1);
    expect(first.model.entities.map((entity) => entity.name)).toContain('Order');

    tsMorph.loads = 0;
    const second = await inspectCached();
    expect(tsMorph.loads).toBe(0);
    expect(second).toStrictEqual(first);
  });

  it('re-inspects an edited domain file', async () => {
    expect(fieldNames(await inspectCached(), 'Product')).not.toContain('weight');
    const product = path.join(root, 'src/domain/catalog/product.ts');
    writeFileSync(product, readFileSync(product, 'utf8').replace('  priceCents!: number;\n', '  priceCents!: number;\n  weight!: number;\n'));
    expect(readFileSync(product, 'utf8')).toContain('weight!: number');
    tsMorph.loads = 0;
    expect(fieldNames(await inspectCached(), 'Product')).toContain('weight');
    expect(tsMorph.loads).toBe(1);
  });

  it('re-inspects when a file the domain imports changes, though it is no entity file itself', async () => {
    const files = (await discoverDomainFiles(root, options.entities)).filter((file) => !file.endsWith('order-props.ts'));
    expect(fieldNames(await inspectCached({ files }), 'Order')).not.toContain('giftWrap');
    const props = path.join(root, 'src/domain/order/order-props.ts');
    writeFileSync(props, readFileSync(props, 'utf8').replace('  placedAt: Date;\n', '  placedAt: Date;\n  giftWrap: boolean;\n'));
    expect(fieldNames(await inspectCached({ files }), 'Order')).toContain('giftWrap');
  });

  it('re-inspects when an import that pointed at no file comes to point at one', async () => {
    const product = path.join(root, 'src/domain/catalog/product.ts');
    writeFileSync(
      product,
      `import type { Weight } from './weight.js';\n${readFileSync(product, 'utf8').replace('  priceCents!: number;\n', '  priceCents!: number;\n  weight!: Weight;\n')}`,
    );
    const files = await discoverDomainFiles(root, options.entities);
    const before = await inspectCached({ files });
    expect(before.model.valueObjects.map((valueObject) => valueObject.name)).not.toContain('Weight');
    writeFileSync(
      path.join(root, 'src/domain/catalog/weight.ts'),
      "import { ValueObject } from '../shared/value-object.js';\n\nexport class Weight extends ValueObject<{ grams: number }> {\n  get grams(): number {\n    return this.props.grams;\n  }\n}\n",
    );
    const after = await inspectCached({ files });
    expect(after.model.valueObjects.map((valueObject) => valueObject.name)).toContain('Weight');
  });

  it('re-inspects when the options change', async () => {
    await inspectCached();
    tsMorph.loads = 0;
    await inspectCached({ options: { ...options, idStrategy: 'cuid' } });
    expect(tsMorph.loads).toBe(1);
  });

  it('inspects again when the cache file is damaged', async () => {
    const first = await inspectCached();
    const { modelCacheFile } = await import('../../src/inspect/model-cache.js');
    writeFileSync(modelCacheFile(root, cacheDir), '{"key":');
    expect(await inspectCached()).toStrictEqual(first);
  });
});
