/** The access plan: what the validated mesh grants, entry by entry, with the spec declaration behind each. */
export * from './access-entry';
export * from './access-plan';
export * from './plan-access';
export * from './readable-columns';
export * from './policy-access';
export * from './policy-principal';
export * from './policy-expansion';
export * from './holder-members';
