import Handlebars, { type HelperDelegate } from 'handlebars';
import { launchDarklyHelpers } from './helpers';

export type HandlebarsEnvironment = typeof Handlebars;

/**
 * A fresh Handlebars environment with LaunchDarkly's helpers (as production has them, unless
 * told otherwise). Each render setup gets its own, so helpers or partials registered for one
 * integration can never leak into another.
 */
export function createHandlebars(helpers: Record<string, HelperDelegate> = launchDarklyHelpers): HandlebarsEnvironment {
  const handlebars = Handlebars.create();
  for (const [name, helper] of Object.entries(helpers)) {
    handlebars.registerHelper(name, helper);
  }
  // The built-in `log` writes to the console through a logger that all environments share; a
  // rendering library must not print, and `log` renders nothing either way.
  handlebars.registerHelper('log', () => '');
  return handlebars;
}
