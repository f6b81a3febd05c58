// A CommonJS project (no "type": "module") resolved with NodeNext/Node16: @faker-js/faker is an ES module only, so
// a static import of it in the generated seeds is a `require` TypeScript refuses (TS1479: under Node16, and under
// NodeNext before TypeScript 5.8). The seeds load it with `import()`; the project type-checks and its seed runs.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchemas, schemaUrl, scratchSchemaName } from '../support/database.js';
import { serviceAvailable, serviceUrls, servicesRequired } from '../support/services.js';
import { typescript5Compiler, typescript5Version } from '../support/toolchains.js';
import { assertBuilt, createTempProject, offlinePrismaEnv, repoRoot, runBin, runCli, type TempProject } from './support.js';

const postgres = await serviceAvailable('database');
if (!postgres && servicesRequired) throw new Error(`PostgreSQL is required (INFRAGEN_REQUIRE_SERVICES=1) but does not answer at ${serviceUrls.database}`);

const domain = {
  'src/domain/author.ts': 'export class Author {\n  constructor(public id: string, public name: string) {}\n}\n',
  'src/domain/book.ts':
    "import { Author } from './author.js';\nexport class Book {\n  constructor(public id: string, public title: string, public author: Author, public pages: number) {}\n}\n",
};

const tsconfig = (module: 'nodenext' | 'node16') =>
  JSON.stringify({
    compilerOptions: { target: 'ES2022', module, moduleResolution: module, strict: true, skipLibCheck: true, noEmit: true, types: ['node'] },
    include: ['src', 'test'],
  });

describe.runIf(postgres)('seeds of a CommonJS project resolved with NodeNext', () => {
  let project: TempProject;
  const schema = scratchSchemaName('e2e_cjs_seed');
  const env = { DATABASE_URL: schemaUrl(schema) };

  beforeAll(() => {
    assertBuilt();
    project = createTempProject(undefined, {
      ...domain,
      'package.json': JSON.stringify({ name: 'cjs-seed', private: true }),
      'tsconfig.json': tsconfig('nodenext'),
    });
    for (const args of [
      ['generate', 'repo', '--all'],
      ['generate', 'seed', '--all'],
    ]) {
      const run = runCli(args, project.root);
      expect(run.status, run.stderr).toBe(0);
    }
    const client = runBin('prisma', ['generate'], project.root, offlinePrismaEnv());
    expect(client.status, client.stdout + client.stderr).toBe(0);
  });

  afterAll(async () => {
    project?.remove();
    await dropSchemas(schema);
  });

  const typeCheck = (compiler: string, module: 'nodenext' | 'node16') => {
    const config = `tsconfig.${module}.json`;
    writeFileSync(path.join(project.root, config), tsconfig(module));
    return spawnSync(process.execPath, [compiler, '-p', config], { cwd: project.root, encoding: 'utf8' });
  };

  it.each([
    { label: 'TypeScript 7, NodeNext', compiler: () => path.join(repoRoot, 'node_modules/typescript/bin/tsc'), module: 'nodenext' as const },
    { label: `TypeScript ${typescript5Version}, Node16`, compiler: typescript5Compiler, module: 'node16' as const },
    { label: `TypeScript ${typescript5Version}, NodeNext`, compiler: typescript5Compiler, module: 'nodenext' as const },
  ])(
    'type-checks with $label',
    ({ compiler, module }) => {
      const run = typeCheck(compiler(), module);
      expect(run.stdout + run.stderr).toBe('');
      expect(run.status).toBe(0);
    },
    120_000,
  );

  it('runs the seed entry point the way `npm run db:seed` does, and fills the tables', async () => {
    expect(runCli(['generate', 'migration', 'init'], project.root, env).status).toBe(0);
    const deploy = runCli(['migrate', 'deploy'], project.root, env);
    expect(deploy.status, deploy.stderr).toBe(0);
    const seed = spawnSync(process.execPath, ['--import', 'jiti/register', 'src/infrastructure/db/seeds/seed.ts', '--seed', '3', '--books', '4'], {
      cwd: project.root,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    expect(seed.stderr).toBe('');
    expect(seed.stdout).toMatch(/seeded .*4 books.* \(--seed 3\)/);
    expect(seed.status).toBe(0);
    const client = new pg.Client({ connectionString: serviceUrls.database });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM "${schema}"."books"`);
      expect(Number(rows[0]?.count)).toBe(4);
    } finally {
      await client.end();
    }
  }, 120_000);
});
