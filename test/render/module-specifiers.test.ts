import { describe, expect, it } from 'vitest';
import { moduleSpecifiers, rewriteRelativeSpecifiers } from '../../src/render/module-specifiers.js';

const dropSuffix = (specifier: string) => specifier.replace(/\.js$/, '');

describe('rewriteRelativeSpecifiers', () => {
  it('rewrites the relative specifiers of every kind of import and export declaration', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      'import c, * as d from "./c.js";',
      "import './side-effect.js';",
      "export { e } from './e.js';",
      "export * from './f.js';",
      "export * as g from './g.js';",
      "export type { H } from './h.js';",
      'import {\n  i,\n  // a comment\n  j,\n} from /* here */ "./ij.js";',
      "const lazy = await import('./lazy.js');",
    ].join('\n');
    expect(rewriteRelativeSpecifiers(source, dropSuffix)).toBe(source.replace(/\.js(['"])/g, '$1'));
  });

  it('leaves package specifiers, and declarations without a specifier, alone', () => {
    const source = "import { connect } from 'amqplib';\nimport net from 'node:net';\nexport const x = './x.js';\nexport { y };\nexport type Z = import('./z.js').Z;\n";
    expect(rewriteRelativeSpecifiers(source, dropSuffix)).toBe(source.replace("import('./z.js')", "import('./z')"));
  });

  it('takes nothing inside strings, template literals, comments or regular expressions for a declaration', () => {
    const source = [
      "const single = 'import { x } from \"./x.js\"';",
      'const double = "export * from \'./x.js\'";',
      'const template = `',
      "import { x } from './x.js';",
      "${`nested ${'from'} `}import { y } from './y.js';",
      '`;',
      "// import { z } from './z.js';",
      "/* export * from './z.js'; */",
      "const pattern = /import x from '.\\/x.js'/g;",
      'const ratio = total / count; const other = 2 / 1;',
      'const meta = import.meta.url;',
      "import { last } from './last.js';",
    ].join('\n');
    expect(moduleSpecifiers(source).map((specifier) => specifier.text)).toEqual(['./last.js']);
    expect(rewriteRelativeSpecifiers(source, dropSuffix)).toBe(source.replace("'./last.js'", "'./last'"));
  });

  it('finds a declaration after a template literal with substitutions closes', () => {
    const source = "const s = `a ${b({ c: 1 })} d`;\nexport { e } from './e.js';\n";
    expect(moduleSpecifiers(source).map((specifier) => specifier.text)).toEqual(['./e.js']);
  });
});
