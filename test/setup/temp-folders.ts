import { removeTempDirs, tempDir } from '../helpers/temp-dir';

// Runs before each test file (jest.config.js `setupFilesAfterEnv`). The commands a test runs, in
// process or spawned, keep their results cache in the test file's own folder, out of the user's.
process.env.LD_HOOK_KIT_CACHE_DIR = tempDir('results-cache');

afterAll(removeTempDirs);
