// The package.json that ships inside the .vsix.

/**
 * Scripts and the CLI entry are for this repository, and the runtime dependencies are bundled into dist/.
 * devDependencies stay, so vsce still checks `@types/vscode` against `engines.vscode` (it refuses types newer than
 * the engine); packaging runs with --no-dependencies, so none of them is installed or shipped.
 */
export function stagedManifest(pkg) {
  const { dependencies, scripts, bin, ...manifest } = pkg;
  return manifest;
}
