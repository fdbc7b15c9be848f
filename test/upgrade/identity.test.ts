import { identityOf, templatesOf, UPGRADE_CONFIGURATIONS } from './configurations';

// An upgrade of the library must not replace anything a user has deployed: for each configuration, every resource
// keeps its logical id, type, construct path and physical names. A difference here is a breaking change for
// deployed stacks; only a name that was invalid or colliding may change, and CHANGELOG.md's upgrade notes list it.
// Snapshots never update on their own (jest --ci); run `npx projen test:update` only after reading the diff.

describe.each(Object.entries(UPGRADE_CONFIGURATIONS))('deployed identity: %s', (_name, make) => {
  test('logical ids, types, construct paths and physical names are unchanged', () => {
    const stacks = templatesOf(make);
    const identity = Object.fromEntries(
      Object.entries(stacks).map(([stack, { template }]) => [stack, identityOf(template)]),
    );
    expect(identity).toMatchSnapshot();
  });
});
