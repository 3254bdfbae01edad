/** The one error that archcheck throws on purpose: the user's configuration or invocation is wrong (exit 2). */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}
