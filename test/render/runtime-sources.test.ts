import { describe, expect, it } from 'vitest';
import { InternalError } from '../../src/diagnostics.js';
import { emitRuntimeSource, readRuntimeSource, runtimeOutputPath, templateRoots } from '../../src/render/runtime-sources.js';
import { tempRoot } from '../workspace/support.js';

const destinations = { messaging: 'src/infra/messaging', acceptance: 'test/messaging' };
const header = '// Generated — do not edit.\n';

describe('runtime sources', () => {
  it('maps a runtime source to the project folder of its top folder', () => {
    expect(runtimeOutputPath('messaging/shared/envelope.ts', destinations)).toBe('src/infra/messaging/shared/envelope.ts');
    expect(runtimeOutputPath('acceptance/harness.ts', destinations)).toBe('test/messaging/harness.ts');
    expect(runtimeOutputPath('elsewhere/x.ts', destinations)).toBeUndefined();
    expect(runtimeOutputPath('messaging', destinations)).toBeUndefined();
  });

  it('points relative imports at where their targets are written, with the project suffix, under the header', () => {
    const text = "import { a } from '../messaging/shared/a.js';\nimport { b } from './b.js';\nimport data from './data.json';\nimport { c } from 'c';\nconst s = 'from \"./x.js\"';\n";
    const emitted = (importSuffix: string) => emitRuntimeSource('acceptance/harness.ts', text, { destinations, importSuffix, header });
    expect(emitted('.js')).toEqual({
      path: 'test/messaging/harness.ts',
      content: `${header}import { a } from '../../src/infra/messaging/shared/a.js';\nimport { b } from './b.js';\nimport data from './data.json';\nimport { c } from 'c';\nconst s = 'from "./x.js"';\n`,
    });
    expect(emitted('').content).toContain("from '../../src/infra/messaging/shared/a';\nimport { b } from './b';\nimport data from './data.json';");
    expect(emitted('.ts').content).toContain("from './b.ts';");
  });

  it('refuses a source outside the runtime folders', () => {
    expect(() => emitRuntimeSource('other/x.ts', '', { destinations, importSuffix: '.js', header })).toThrow(InternalError);
  });

  it('reads the project override of a runtime source when there is one', () => {
    const project = tempRoot();
    try {
      const file = 'messaging/runtime/messaging/shared/json.ts';
      expect(readRuntimeSource(file, templateRoots(project.root, '.infragen/templates'))).toContain('export function isJsonObject');
      project.write({ [`.infragen/templates/${file}`]: 'export const overridden = true;\n' });
      expect(readRuntimeSource(file, templateRoots(project.root, '.infragen/templates'))).toBe('export const overridden = true;\n');
      expect(() => readRuntimeSource('messaging/runtime/missing.ts', templateRoots(project.root))).toThrow(InternalError);
    } finally {
      project.remove();
    }
  });
});
