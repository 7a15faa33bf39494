// Preloaded (`node --require`) into gitlab-ci-local, whose bundle calls Set.prototype.union, a method
// Node has from version 22 on, while meshgrant supports Node >= 20. It is the only Set method of
// Node 22 that gitlab-ci-local 4.75.1 calls (grep its dist/index.js when upgrading it); it is defined
// only where Node lacks it, with the meaning the ECMAScript specification gives it.
Set.prototype.union ??= function (other) {
  return new Set([...this, ...other.keys()]);
};
