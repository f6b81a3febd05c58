import { loadOptions } from '../config/load-options.js';
import { planDependencies } from '../generators/package-json/index.js';
import { planProjection, planRebuildScript } from '../generators/projections/index.js';
import { projectionPackages } from '../generators/versions.js';
import { planPrismaConfig } from '../generators/prisma-config/index.js';
import { discoverDomainFiles } from '../inspect/discover.js';
import { inspectReadModel } from '../inspect/read-models.js';
import { loadProjectContext } from '../project/load-context.js';
import { GenerationRun, type ApplyResult } from './generation-run.js';
import { inspectProject } from './load-domain.js';
import { migrationFor, type MigrationRequest } from './migration-request.js';
import type { Reporter } from './reporter.js';
import type { RunOptions } from './run-options.js';

/** Where read-model interfaces are looked for unless `--read-models` says otherwise. */
export const defaultReadModelFolder = 'src/application/read-models';

export interface GenerateProjectionRequest {
  options: RunOptions;
  reporter: Reporter;
  /** The read model's interface name. */
  name: string;
  /** Event class names. */
  from: readonly string[];
  readModelFolder?: string;
  /** `--restore-handlers`: write again the handlers of listed events the user deleted from the projector. */
  restoreHandlers?: boolean;
  migration?: MigrationRequest;
}

/**
 * `infragen generate projection <ReadModel> --from <Event...>`: reads the read-model interface and the domain's
 * events, and writes the read model's table, its projector, consumer, rebuild, checkpoint and query repository.
 */
export async function generateProjection(request: GenerateProjectionRequest): Promise<ApplyResult> {
  const { options, reporter } = request;
  const context = loadProjectContext(options.cwd, await loadOptions(options.cwd));
  const { model } = await inspectProject(options.cwd, context.options, reporter);
  const readModelFolder = (request.readModelFolder ?? defaultReadModelFolder).replace(/\/+$/, '');
  const files = await discoverDomainFiles(options.cwd, [`${readModelFolder}/**/*.ts`]);
  const inspected = files.length > 0 ? inspectReadModel({ root: options.cwd, files, name: request.name }) : { diagnostics: [] };
  reporter.diagnostics(inspected.diagnostics.filter((diagnostic) => diagnostic.severity !== 'error'));
  const run = await GenerationRun.start(context, options, reporter);
  if (inspected.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    await run.add({ files: [], diagnostics: inspected.diagnostics, notes: [] });
    return run.finish();
  }
  await run.add(
    planProjection({
      name: request.name,
      readModel: inspected.readModel,
      readModelFolder,
      from: request.from,
      restoreHandlers: request.restoreHandlers ?? false,
      model,
      context,
      tree: run.tree,
    }),
  );
  if (!run.failed) {
    await run.add(planRebuildScript(run.tree, context, request.name));
    await run.add(planDependencies(run.tree, projectionPackages, 'projection'));
  }
  await run.add(planPrismaConfig(context));
  if (!run.failed) await run.add(await migrationFor(run.tree, context, request.migration, reporter));
  return run.finish();
}
