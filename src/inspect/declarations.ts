import type { ClassDeclaration, EnumDeclaration, InterfaceDeclaration, SourceFile, TypeAliasDeclaration } from 'ts-morph';
import { Node } from './ts-morph.js';
import type { SourceRef } from '../model/domain.js';
import { locationOf, type LoadedSources } from './project.js';

export type Declaration = ClassDeclaration | InterfaceDeclaration | TypeAliasDeclaration | EnumDeclaration;

function ownDeclarations(sourceFile: SourceFile): Declaration[] {
  return [...sourceFile.getClasses(), ...sourceFile.getInterfaces(), ...sourceFile.getTypeAliases(), ...sourceFile.getEnums()];
}

export function declarationName(declaration: Declaration): string {
  return declaration.getName() ?? 'default';
}

/** Where a declaration is and the name generated code imports it by. */
export function sourceRef(declaration: Declaration): SourceRef {
  const nameNode = declaration.getNameNode() ?? declaration;
  const exportName = Node.isClassDeclaration(declaration) && declaration.hasDefaultKeyword() ? 'default' : declarationName(declaration);
  return { ...locationOf(nameNode), exportName };
}

/**
 * Every class, interface, type alias and enum of the parsed files, and the resolution of a name used in a
 * file: its own declarations, then its imports (resolved as the project's compiler resolves them, re-exports
 * followed), then a declaration of that name anywhere in the domain.
 */
export class DeclarationIndex {
  private readonly byName = new Map<string, Declaration[]>();
  private readonly local = new Map<SourceFile, Map<string, Declaration>>();
  private readonly cache = new Map<SourceFile, Map<string, Declaration | undefined>>();

  constructor(
    readonly sourceFiles: readonly SourceFile[],
    private readonly imported: LoadedSources['imported'],
  ) {
    for (const sourceFile of sourceFiles) {
      const local = new Map<string, Declaration>();
      for (const declaration of ownDeclarations(sourceFile)) {
        const name = declarationName(declaration);
        if (!local.has(name)) local.set(name, declaration);
        this.byName.set(name, [...(this.byName.get(name) ?? []), declaration]);
      }
      this.local.set(sourceFile, local);
    }
  }

  all(): Declaration[] {
    return [...this.local.values()].flatMap((local) => [...local.values()]);
  }

  /** The declarations of a package's declaration file, parsed when an import first led to it; not part of `all()`. */
  private readonly packageLocal = new Map<SourceFile, Map<string, Declaration>>();

  private declared(file: SourceFile, name: string): Declaration | undefined {
    let local = this.local.get(file) ?? this.packageLocal.get(file);
    if (!local) {
      local = new Map();
      for (const declaration of ownDeclarations(file)) if (!local.has(declarationName(declaration))) local.set(declarationName(declaration), declaration);
      this.packageLocal.set(file, local);
    }
    return local.get(name);
  }

  /** The declaration `name` (possibly `ns.Name`) refers to inside `from`, if it is part of the domain. */
  resolve(name: string, from: SourceFile): Declaration | undefined {
    let cache = this.cache.get(from);
    if (!cache) {
      cache = new Map();
      this.cache.set(from, cache);
    }
    if (!cache.has(name)) cache.set(name, this.qualified(name, from) ?? this.lookup(name.split('.').pop() ?? name, from, 0) ?? this.global(name));
    return cache.get(name);
  }

  /** `Kernel.AggregateRoot` where `import * as Kernel from '…'`: the name that module exports. */
  private qualified(name: string, from: SourceFile): Declaration | undefined {
    const [namespace, member, ...rest] = name.split('.');
    const imported = namespace && member && rest.length === 0 ? this.importsOf(from).get(namespace) : undefined;
    const target = imported?.imported === '*' ? this.fileFor(from, imported.specifier) : undefined;
    return target && member ? this.exported(member, target, 1) : undefined;
  }

  private global(name: string): Declaration | undefined {
    const found = this.byName.get(name.split('.').pop() ?? name);
    return found?.[0];
  }

  private readonly imports = new Map<SourceFile, Map<string, { specifier: string; imported: string }>>();

  /** Local name → module specifier and imported name, for the imports of `file`. */
  private importsOf(file: SourceFile): Map<string, { specifier: string; imported: string }> {
    let found = this.imports.get(file);
    if (!found) {
      found = new Map();
      for (const declaration of file.getImportDeclarations()) {
        const specifier = declaration.getModuleSpecifierValue();
        const defaultImport = declaration.getDefaultImport();
        if (defaultImport) found.set(defaultImport.getText(), { specifier, imported: 'default' });
        const namespaceImport = declaration.getNamespaceImport();
        if (namespaceImport) found.set(namespaceImport.getText(), { specifier, imported: '*' });
        for (const named of declaration.getNamedImports()) {
          found.set(named.getAliasNode()?.getText() ?? named.getName(), { specifier, imported: named.getName() });
        }
      }
      this.imports.set(file, found);
    }
    return found;
  }

  /** The module a name used in `file` is imported from (`neverthrow`), when it is imported. */
  importSpecifier(name: string, file: SourceFile): string | undefined {
    return this.importsOf(file).get(name)?.specifier;
  }

  private lookup(name: string, from: SourceFile, depth: number): Declaration | undefined {
    if (depth > 8) return undefined;
    const own = this.declared(from, name);
    if (own) return own;
    const imported = this.importsOf(from).get(name);
    const target = imported && this.fileFor(from, imported.specifier);
    return target && imported && this.exported(imported.imported, target, depth + 1);
  }

  private exported(name: string, file: SourceFile, depth: number): Declaration | undefined {
    if (depth > 8) return undefined;
    const own = name === 'default' ? file.getClasses().find((declaration) => declaration.hasDefaultKeyword()) : this.declared(file, name);
    if (own) return own;
    for (const exported of file.getExportDeclarations()) {
      const specifier = exported.getModuleSpecifierValue();
      const named = exported.getNamedExports();
      if (named.length === 0 && specifier) {
        const target = this.fileFor(file, specifier);
        const found = target && this.exported(name, target, depth + 1);
        if (found) return found;
        continue;
      }
      const match = named.find((item) => (item.getAliasNode()?.getText() ?? item.getName()) === name);
      if (!match) continue;
      const target = specifier ? this.fileFor(file, specifier) : file;
      return target && (specifier ? this.exported(match.getName(), target, depth + 1) : this.lookup(match.getName(), target, depth + 1));
    }
    return this.lookup(name, file, depth + 1);
  }

  private fileFor(from: SourceFile, specifier: string): SourceFile | undefined {
    return this.imported(from, specifier);
  }
}
