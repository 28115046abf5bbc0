/** Exhaustiveness guard: the compiler rejects a call whose argument is not `never`, i.e. a missed case. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
