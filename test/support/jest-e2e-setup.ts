// End-to-end hooks start and stop whole systems: they get the same generous bound as tests.
jest.setTimeout(60_000);
