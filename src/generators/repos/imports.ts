import { importPath } from '../../project/import-path.js';
import type { ProjectContext } from '../../project/context.js';

interface ImportedName {
  name: string;
  /** A type-only use never needs the value at run time (`import type`). */
  typeOnly: boolean;
}

/** The imports of one generated file, collected while its code is planned and printed sorted, once each. */
export class ImportSet {
  private readonly modules = new Map<string, Map<string, ImportedName>>();

  constructor(
    private readonly fromFile: string,
    private readonly context: Pick<ProjectContext, 'pathAliases' | 'importSuffix'>,
  ) {}

  /** `file` is project-relative (a domain file), or a bare package specifier when `external`. */
  add(name: string, file: string, options: { typeOnly?: boolean; external?: boolean } = {}): string {
    const specifier = options.external ? file : importPath(this.fromFile, file, this.context);
    const names = this.modules.get(specifier) ?? new Map<string, ImportedName>();
    const known = names.get(name);
    names.set(name, { name, typeOnly: (known?.typeOnly ?? true) && (options.typeOnly ?? false) });
    this.modules.set(specifier, names);
    return name;
  }

  /** Import lines: packages first, then project files, each group sorted by specifier. */
  lines(): string[] {
    const specifiers = [...this.modules.keys()].sort((a, b) => Number(a.startsWith('.')) - Number(b.startsWith('.')) || a.localeCompare(b));
    return specifiers.map((specifier) => {
      const names = [...this.modules.get(specifier)!.values()].sort((a, b) => a.name.localeCompare(b.name));
      if (names.every((entry) => entry.typeOnly)) return `import type { ${names.map((entry) => entry.name).join(', ')} } from '${specifier}';`;
      return `import { ${names.map((entry) => (entry.typeOnly ? `type ${entry.name}` : entry.name)).join(', ')} } from '${specifier}';`;
    });
  }
}
