import { forbidden } from '../protocol/errors';

// Row-level access to a legal person is decided by the legal-persons subgraph (members of an
// association, a subject itself) and reaches the other subgraphs as the @requires field
// `callerMayRead`; each of them refuses the row when it is false.
export interface RowAccess {
  uscc: string;
  callerMayRead?: boolean;
}

export function assertReadable(ref: RowAccess): void {
  if (ref.callerMayRead === false) throw forbidden(`the caller may not read legal person ${ref.uscc}`);
}

/** Wraps a LegalPerson field resolver so it first checks the row-level decision. */
export function readableOnly<A, C, R>(resolve: (ref: RowAccess, args: A, ctx: C) => R): (ref: RowAccess, args: A, ctx: C) => R {
  return (ref, args, ctx) => {
    assertReadable(ref);
    return resolve(ref, args, ctx);
  };
}
