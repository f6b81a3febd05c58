import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const shared = `export class Email {
  private constructor(readonly value: string) {}
  static create(value: string): Email {
    return new Email(value);
  }
}

export enum Status {
  Active = 'ACTIVE',
  Archived = 'ARCHIVED',
}
`;

function entity(index) {
  const name = `Entity${index}`;
  const reference = index > 0 ? `\n  /** @index */\n  parentId?: string;` : '';
  return `import { Email, Status } from './shared.js';

export class ${name} {
  constructor(
    public readonly id: string,
    public name: string,
    public email: Email,
    public status: Status,
    public score: number,
    public createdAt: Date,
  ) {}${reference}
}
`;
}

/** Writes a project with `count` entity files (plus one shared file) and returns its root. */
export function writeSyntheticProject(root, count) {
  const domain = path.join(root, 'src/domain');
  mkdirSync(domain, { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'bench', type: 'module' }));
  writeFileSync(
    path.join(root, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', strict: true } }),
  );
  writeFileSync(path.join(domain, 'shared.ts'), shared);
  for (let index = 0; index < count; index += 1) {
    writeFileSync(path.join(domain, `entity-${index}.ts`), entity(index));
  }
  return root;
}
