import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultOptions } from '../../../src/config/options.js';
import { planMessaging } from '../../../src/generators/messaging/index.js';
import type { Broker } from '../../../src/generators/messaging/index.js';
import type { DomainModel } from '../../../src/model/domain.js';
import type { ProjectContext } from '../../../src/project/context.js';
import { createTempProject, repoRoot, type TempProject } from '../../e2e/support.js';
import { orderDomainFiles } from './order-domain.js';
import { renderPlannedFiles } from './render.js';

export function projectContext(root = '/project'): ProjectContext {
  return { root, options: defaultOptions(), moduleFormat: 'esm', importSuffix: '.js', pathAliases: [], prismaProvider: 'postgresql' };
}

/** A temporary project holding the order domain and the messaging layer generated for it. */
export async function generateProject(model: DomainModel, brokers: readonly Broker[], extra: Record<string, string> = {}): Promise<TempProject> {
  const project = createTempProject(undefined, { ...orderDomainFiles, ...extra });
  const files = await renderPlannedFiles(planMessaging({ model, context: projectContext(project.root), brokers }).files);
  for (const file of files) {
    mkdirSync(path.dirname(path.join(project.root, file.path)), { recursive: true });
    writeFileSync(path.join(project.root, file.path), file.content);
  }
  // The generated tests live under test/: type-check them with the code.
  writeFileSync(
    path.join(project.root, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, verbatimModuleSyntax: true, skipLibCheck: true, noEmit: true, types: ['node'] },
      include: ['src', 'test'],
    }),
  );
  return project;
}

export function run(bin: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(path.join(repoRoot, 'node_modules/.bin', bin), [...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 280_000 });
}
