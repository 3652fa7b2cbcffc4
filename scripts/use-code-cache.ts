// Imported first by the command-line entry point, so that the modules it loads after come from
// the build's code cache.
import { useCodeCache } from './code-cache';

useCodeCache();
