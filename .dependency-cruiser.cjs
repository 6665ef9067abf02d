/**
 * Dependency rules of the service (issue 11), checked by `npm test` before the suites (scripts/test.mjs), and by
 * `npm run lint:deps`. What each rule keeps out is written next to it; README "Structure" explains them.
 * Violations that existed when the rules came in are listed in `.dependency-cruiser-known-violations.json` (made with
 * `npx depcruise src --config .dependency-cruiser.cjs --output-type baseline > .dependency-cruiser-known-violations.json`)
 * and are tolerated until moved; a NEW violation fails. Remove a line there when you move its SQL out.
 */
/** Infrastructure that talks to PostgreSQL directly: the database bootstrap, migrations, CLI and the repositories. */
const DATABASE_INFRASTRUCTURE = ['[.]repository[.]ts$', '^src/database/', '^migrations/', '^src/cli/', '^src/cli[.]ts$', '^src/app[.]module[.]ts$'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle between files: split the shared part out, or have one side ask the other through its exported service.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'orm-only-in-repositories',
      severity: 'error',
      comment:
        'SQL lives only in *.repository.ts (one repository per aggregate); services and controllers call repositories. A type-only import (EntityManager, DataSource) is fine.',
      from: { path: '^src/', pathNot: DATABASE_INFRASTRUCTURE },
      to: { path: '^node_modules/(typeorm|pg)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-other-modules-repository',
      severity: 'error',
      comment: "A module reads another module's data through that module's exported service, never through its repository.",
      from: { path: '^src/([^/]+)/' },
      // a row type (`import type { RulingRow }`) is a shape, not a read: allowed
      to: { path: '^src/([^/]+)/.*[.]repository[.]ts$', pathNot: '^src/$1/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '[.]spec[.]ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
