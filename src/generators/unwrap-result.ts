// Generated code that takes a domain object out of its factory's wrapper (`Result<T>`, `Either<E, T>`, `{ ok, value }`).
import type { ResultUnwrap, WrapperMember } from '../model/domain.js';

const read = (member: WrapperMember): string => `result.${member.name}${member.call ? '()' : ''}`;

/**
 * `((result) => { if (result.isFailure) throw new Error(…); return result.getValue(); })(Post.create(…))`: the
 * parameter is typed from the call, and the failure test narrows unions (`Left | Right`, `Ok | Err`). `message` is an
 * expression for the error's text, to which the wrapper's own error is appended.
 */
/** Whether generated code unwraps a factory's result somewhere in `expression`, and so may throw. */
export function checksInvariants(expression: string): boolean {
  return expression.includes(resultParameter);
}

const resultParameter = '((result) => {';

export function unwrapResult(call: string, result: ResultUnwrap, message: string): string {
  const failed = `${result.failed.negate ? '!' : ''}${read(result.failed)}`;
  const detail = result.error ? ` + ': ' + String(${read(result.error)})` : '';
  return `${resultParameter} if (${failed}) throw new Error(${message}${detail}); return ${read(result.value)}; })(${call})`;
}
