// Suites that need a program on the machine (nvim, kubectl, openssl): outside CI a missing one skips the suite
// with the reason (counted as skipped by scripts/test.mjs); under CI it is a failing test that says what to install.
import { test } from 'node:test';

export const inCi = /^(1|true)$/i.test(process.env.CI ?? '');

/**
 * The `skip` option for a suite needing `what`: false when present. When missing: the reason outside CI; under CI
 * false as well (so the suite runs and fails), plus one failing test naming what to install.
 */
export function skipUnless(present: boolean, what: string, install: string): string | false {
  if (present) return false;
  const reason = `${what} is not available (${install})`;
  if (!inCi) return reason;
  test(`${what} is available (required under CI)`, () => {
    throw new Error(`${reason}; under CI this suite must run, so .ci/run installs it`);
  });
  return false;
}
