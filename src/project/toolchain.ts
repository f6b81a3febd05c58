// The versions of the project's own toolchain that generated code depends on. Generated code targets Prisma 7's
// `prisma-client` generator and driver adapters, and Prisma 7 declares TypeScript 5.4 and Node.js ^20.19, ^22.12
// or 24 as its minimums (generated code itself needs `satisfies`, TypeScript 4.9). A project below one of these
// is refused before anything is generated, with the one place to change.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { errorDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { SourceLocation } from '../model/domain.js';

export const minimumVersions = { typescript: '5.4.0', prisma: '7.0.0', node: '20.19.0' } as const;

/** Node.js lines Prisma 7 runs on: 20 from 20.19, 22 from 22.12, every line from 24 (21 and 23 are not). */
const nodeLines: readonly { major: number; minimum: string }[] = [
  { major: 20, minimum: '20.19.0' },
  { major: 22, minimum: '22.12.0' },
];

const minimumsText = `infragen supports TypeScript ${short(minimumVersions.typescript)}, Prisma ${short(minimumVersions.prisma)} and Node.js 20.19, 22.12 or 24 and newer`;

function supportedNode(version: string): boolean {
  const major = versionParts(version)?.[0] ?? 0;
  if (major >= 24) return true;
  const line = nodeLines.find((candidate) => candidate.major === major);
  return line !== undefined && !olderThan(version, line.minimum);
}

function short(version: string): string {
  return version.replace(/\.0$/, '');
}

/** `1.2.3` (or the lowest version a range such as `^1.2.3`, `~1.2`, `>=1.2.3 <2` admits) as numbers. */
function versionParts(version: string): number[] | undefined {
  const match = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version);
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : undefined;
}

function olderThan(version: string, minimum: string): boolean {
  const [have, need] = [versionParts(version), versionParts(minimum)];
  if (!have || !need) return false;
  for (let index = 0; index < 3; index += 1) {
    if (have[index]! !== need[index]!) return have[index]! < need[index]!;
  }
  return false;
}

/** The version Node would load from the project: the nearest `node_modules/<name>` from `root` upwards. */
function installedVersion(root: string, name: string): string | undefined {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

interface Manifest {
  text: string;
  dependencies: Record<string, string>;
}

function readManifest(root: string): Manifest | undefined {
  const file = path.join(root, 'package.json');
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  try {
    const parsed = JSON.parse(text) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    return { text, dependencies: { ...parsed.devDependencies, ...parsed.dependencies } };
  } catch {
    // Reported where package.json is read for its dependencies (IG017).
    return undefined;
  }
}

/** Where `"name":` stands in package.json, else its first line. */
function locate(text: string, name: string): SourceLocation {
  const offset = text.indexOf(JSON.stringify(name));
  if (offset === -1) return { file: 'package.json', line: 1, column: 1 };
  const before = text.slice(0, offset).split('\n');
  return { file: 'package.json', line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** What the project runs or declares for `name`: the installed version first, else the lowest its range admits. */
function projectVersion(root: string, manifest: Manifest | undefined, name: string): string | undefined {
  const declared = manifest?.dependencies[name];
  // A `workspace:`, `file:`, tag or URL range says nothing about the version.
  const declaredVersion = declared !== undefined && /^[\^~>=<\s]*\d/.test(declared) ? declared : undefined;
  return installedVersion(root, name) ?? declaredVersion;
}

/**
 * Errors (IG030) for each tool of the project older than generated code supports: TypeScript, Prisma (CLI or
 * client) and Node.js (the running one). Located at the dependency in package.json.
 */
export function toolchainDiagnostics(root: string, nodeVersion = process.versions.node): Diagnostic[] {
  const manifest = readManifest(root);
  const problems: Diagnostic[] = [];
  const check = (name: string, tool: string, minimum: string, why: string): void => {
    const version = projectVersion(root, manifest, name);
    if (version === undefined || !olderThan(version, minimum)) return;
    problems.push(
      errorDiagnostic(
        'IG030',
        `the project uses ${tool} ${version.trim()}, older than generated code supports (${why}); ${minimumsText}`,
        manifest ? locate(manifest.text, name) : { file: 'package.json', line: 1, column: 1 },
        `upgrade ${name} to ${short(minimum)} or newer in package.json, install, and run again`,
      ),
    );
  };
  check('typescript', 'TypeScript', minimumVersions.typescript, 'Prisma 7, which generated code uses, needs TypeScript 5.4');
  for (const name of ['prisma', '@prisma/client']) {
    check(name, `Prisma (${name})`, minimumVersions.prisma, "it uses Prisma 7's prisma-client generator and driver adapters");
  }
  if (!supportedNode(nodeVersion)) {
    problems.push(
      errorDiagnostic(
        'IG030',
        `Node.js ${nodeVersion} runs infragen, a version Prisma 7 does not support; ${minimumsText}`,
        undefined,
        'install Node.js 22.12 or newer (or 20.19+, 24+)',
      ),
    );
  }
  return problems;
}
