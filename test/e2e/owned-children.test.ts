import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchemas, schemaUrl, scratchSchemaName } from '../support/database.js';
import { serviceAvailable, serviceUrls, servicesRequired } from '../support/services.js';
import {
  assertBuilt,
  failuresOf,
  runProjectTests,
  createTempProject,
  generateClientAndTypeCheck,
  repoRoot,
  runCli,
  strictTsconfig,
  type TempProject,
} from './support.js';

const postgres = await serviceAvailable('database');
if (!postgres && servicesRequired) throw new Error(`PostgreSQL is required (INFRAGEN_REQUIRE_SERVICES=1) but does not answer at ${serviceUrls.database}`);

describe.runIf(postgres)(
  'generate repo: owned children updated in one statement per table, kept in the domain’s order, and moved between aggregates, end to end on PostgreSQL',
  () => {
    let project: TempProject;
    const schemaName = scratchSchemaName('e2e_children');
    const env = { DATABASE_URL: schemaUrl(schemaName) };

    beforeAll(() => {
      assertBuilt();
      project = createTempProject('test/fixtures/domains/playlists', { 'tsconfig.json': strictTsconfig() });
    });
    afterAll(async () => {
      project?.remove();
      await dropSchemas(schemaName);
    });

    it('generates a repository for a child with mapped names and columns of every kind that type-checks under strict', () => {
      const run = runCli(['generate', 'repo', '--all', '--migration', 'playlists'], project.root, env);
      expect(run.status, run.stderr).toBe(0);
      const repository = readFileSync(path.join(project.root, 'src/infrastructure/repos/prisma-playlist.repository.ts'), 'utf8');
      expect(repository).toMatch(/updateChildRows\(db, this\.databaseSchema, trackTable, trackChanges\.changed\)/);
      cpSync(path.join(repoRoot, 'test/fixtures/checks/playlist-children.test.ts'), path.join(project.root, 'test/playlist-children.test.ts'));
      const { prisma, tsc } = generateClientAndTypeCheck(project.root);
      expect(prisma.status, prisma.stderr).toBe(0);
      expect(tsc.stdout + tsc.stderr).toBe('');
    });

    it('writes changed children in one UPDATE with every value cast to its column, and refuses a child another aggregate holds', () => {
      const deploy = runCli(['migrate', 'deploy'], project.root, env);
      expect(deploy.status, deploy.stderr).toBe(0);
      const { outcomes } = runProjectTests(project.root, 'test/playlist-children.test.ts', env);
      expect(failuresOf(outcomes)).toEqual([]);
      expect(outcomes).toHaveLength(8);
    }, 120_000);
  },
);
