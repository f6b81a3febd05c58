// Declarations of the domain folders that carry an `id` but are never stored: what they are, told by their name,
// their folder or an `Error` base. A repository port, an aggregate base or an @entity/@table tag overrides this.

const byName: [RegExp, string][] = [
  [/Command$/, 'a command'],
  [/Query$/, 'a query'],
  [/(?:Dto|DTO)$/, 'a DTO'],
  [/(?:Params|Parameters|Args|Input|Output|Request|Response|Payload)$/, 'a parameter type'],
  [/(?:Error|Exception)$/, 'an error'],
  [/(?:Specification|Spec)$/, 'a specification'],
  [/Service$/, 'a service'],
  [/Policy$/, 'a policy'],
  [/(?:Handler|UseCase)$/, 'a handler'],
];

const byFolder: [RegExp, string][] = [
  [/(?:^|\/)commands?\//, 'a command'],
  [/(?:^|\/)quer(?:y|ies)\//, 'a query'],
  [/(?:^|\/)dtos?\//i, 'a DTO'],
  [/(?:^|\/)(?:errors|exceptions)\//, 'an error'],
  [/(?:^|\/)specifications?\//, 'a specification'],
  [/(?:^|\/)services\//, 'a service'],
  [/(?:^|\/)polic(?:y|ies)\//, 'a policy'],
  [/(?:^|\/)(?:handlers|use-?cases)\//i, 'a handler'],
];

/** What a declaration is when it is not a model (`a command (by its name)`), or undefined. */
export function nonModelRole(name: string, file: string, baseNames: readonly string[]): string | undefined {
  const named = byName.find(([pattern]) => pattern.test(name))?.[1];
  if (named) return `${named} (by its name)`;
  if (baseNames.some((base) => /(?:Error|Exception)$/.test(base))) return 'an error (it extends an Error)';
  const folder = byFolder.find(([pattern]) => pattern.test(file))?.[1];
  return folder ? `${folder} (by its folder)` : undefined;
}
