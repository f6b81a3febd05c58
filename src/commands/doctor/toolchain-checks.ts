import { readFileSync } from 'node:fs';
import { pinnedVersions } from '../../generators/versions.js';
import type { ProjectContext } from '../../project/context.js';
import { packageRoot } from '../../project/package-info.js';
import { addPackagesCommand, projectPackageManager } from '../../project/package-manager.js';
import { minimumVersions } from '../../project/toolchain.js';
import { readTsconfig, type TsconfigFacts } from '../../project/tsconfig.js';
import { atLeast, fail, ok, versionParts, type CheckResult } from './check.js';
import { installedVersion, projectManifest } from './installed-packages.js';

/** `engines.node` of infragen's own package.json, e.g. `>=20.19` → `20.19.0`. */
function requiredNode(): string {
  const pkg = JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as { engines?: { node?: string } };
  return (pkg.engines?.node ?? '>=20').replace(/^>=\s*/, '');
}

export function checkNode(version = process.versions.node): CheckResult {
  const minimum = requiredNode();
  return atLeast(version, minimum)
    ? ok('node', `Node.js ${version} (infragen needs ${minimum} or newer)`)
    : fail('node', `Node.js ${version} is older than ${minimum}`, `install Node.js ${minimum} or newer (e.g. \`nvm install 20\`)`);
}

/** The oldest TypeScript generated code supports (Prisma 7's minimum); `generate` refuses older ones with IG030. */
const oldestTypeScript = minimumVersions.typescript;

export function checkTypeScript(root: string): CheckResult {
  const version = installedVersion(root, 'typescript');
  const install = addPackagesCommand(projectPackageManager(root), [`typescript@${pinnedVersions.typescript}`], true);
  if (version === undefined) return fail('typescript', 'TypeScript is not installed in the project', install);
  if (!atLeast(version, oldestTypeScript)) return fail('typescript', `TypeScript ${version} is older than ${oldestTypeScript}`, install);
  return ok('typescript', `TypeScript ${version} (generated code is type-checked with ${pinnedVersions.typescript})`);
}

/** ES2022 is the oldest library the generated code is compiled against (the end-to-end projects use it). */
const esYear = (name: string): number => (name === 'esnext' ? Number.POSITIVE_INFINITY : Number(/^es(\d{4})$/.exec(name)?.[1] ?? 0));

function tsconfigProblems(facts: TsconfigFacts, moduleFormat: ProjectContext['moduleFormat']): string[] {
  const problems: string[] = [];
  if (facts.types !== undefined && !facts.types.includes('node')) {
    problems.push(`"types" is ${JSON.stringify(facts.types)}: add "node" (generated code uses Node's Buffer, process and timers)`);
  }
  const libraries = facts.lib?.filter((lib) => /^es(\d{4}|next)$/.test(lib));
  const newest = libraries?.length ? Math.max(...libraries.map(esYear)) : esYear(facts.target ?? 'es5');
  if (newest < 2022) {
    const what = facts.lib ? `"lib" is ${JSON.stringify(facts.lib)}` : `"target" is ${facts.target ?? 'not set (ES5)'} and "lib" is not set`;
    problems.push(`${what}: set "lib": ["ES2022"] or newer (or "target": "ES2022")`);
  }
  const resolution = facts.moduleResolution ?? facts.module;
  if (moduleFormat === 'esm' && (facts.module === 'commonjs' || resolution === 'node' || resolution === 'node10' || resolution === 'classic')) {
    problems.push(
      `package.json says "type": "module" but tsconfig resolves like CommonJS (module ${facts.module ?? 'unset'}, moduleResolution ${facts.moduleResolution ?? 'unset'}): set "module" and "moduleResolution" to "NodeNext"`,
    );
  }
  return problems;
}

export function checkTsconfig(context: ProjectContext): CheckResult {
  const facts = readTsconfig(context.root);
  const problems = tsconfigProblems(facts, context.moduleFormat);
  const summary = `module ${facts.module ?? 'unset'}, ${context.moduleFormat === 'esm' ? 'ESM' : 'CommonJS'} package, imports ${context.importSuffix ? 'with .js' : 'without'} suffix`;
  return problems.length === 0
    ? ok('tsconfig', `tsconfig.json fits generated code (${summary})`)
    : fail('tsconfig', `tsconfig.json does not fit generated code (${summary})`, 'change tsconfig.json as listed', problems);
}

/** The Prisma CLI and client must be one version, of the major infragen generates for. */
export function checkPrismaVersions(context: ProjectContext): CheckResult {
  const pinned = pinnedVersions.prisma;
  const manager = projectPackageManager(context.root);
  const install = `${addPackagesCommand(manager, [`@prisma/client@${pinnedVersions['@prisma/client']}`])} && ${addPackagesCommand(manager, [`prisma@${pinned}`], true)}`;
  const declared = projectManifest(context.root);
  const wanted = { ...declared?.dependencies, ...declared?.devDependencies };
  const cli = installedVersion(context.root, 'prisma');
  const client = installedVersion(context.root, '@prisma/client');
  if (cli === undefined || client === undefined) {
    const missing = [cli === undefined && 'prisma', client === undefined && '@prisma/client'].filter(Boolean).join(' and ');
    const declaredToo = 'prisma' in wanted || '@prisma/client' in wanted ? ' (declared in package.json: run the install)' : '';
    return fail('prisma', `${missing} not installed${declaredToo}`, install);
  }
  if (cli !== client) return fail('prisma', `prisma ${cli} and @prisma/client ${client} differ`, install);
  if (versionParts(cli)[0] !== versionParts(pinned)[0]) return fail('prisma', `Prisma ${cli}, but infragen generates for Prisma ${pinned}`, install);
  return ok('prisma', `prisma and @prisma/client ${cli} (infragen generates for ${pinned})`);
}
