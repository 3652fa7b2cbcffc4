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
  return handlebars;
}
