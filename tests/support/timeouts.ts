// Every test and hook may take up to a minute (STYLE.md: "Hooks get explicit timeouts; the suite passes on a busy
// machine"): creating a seeded database, argon2 sign-ins one after another, and CI's parallel workers beside a
// browser can all pass jest's default 5 seconds on a loaded 2-core machine without anything being wrong.
jest.setTimeout(60_000)
