import Handlebars from 'handlebars';
import { launchDarklyHelpers } from './helpers';

export type HandlebarsEnvironment = typeof Handlebars;

/**
 * A fresh Handlebars environment with LaunchDarkly's helpers. Each render setup gets its own, so
 * helpers or partials registered for one integration can never leak into another.
 */
export function createHandlebars(): HandlebarsEnvironment {
  const handlebars = Handlebars.create();
  for (const [name, helper] of Object.entries(launchDarklyHelpers)) {
    handlebars.registerHelper(name, helper);
  }
  // The built-in `log` writes to the console through a logger that all environments share; a
  // rendering library must not print, and `log` renders nothing either way.
  handlebars.registerHelper('log', () => '');
  return handlebars;
}
