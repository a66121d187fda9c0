// Glob matching for the workspaceLabels include/exclude settings, with picomatch.
import picomatch from 'picomatch';

// As in VS Code's own globs: `*` and `**` also match names starting with a dot (`.github/`).
const options: picomatch.PicomatchOptions = { dot: true };

/** A matcher for one glob over workspace-relative POSIX paths. */
export function globMatcher(glob: string): (relativePath: string) => boolean {
  return picomatch(glob, options);
}

/** Matches workspace-relative POSIX paths against include and exclude globs. */
export class GlobFilter {
  private readonly include: (path: string) => boolean;
  private readonly exclude: (path: string) => boolean;
  constructor(include: string[], exclude: string[]) {
    // picomatch treats an empty list as matching nothing, as an empty include/exclude setting should.
    this.include = include.length ? picomatch(include, options) : () => false;
    this.exclude = exclude.length ? picomatch(exclude, options) : () => false;
  }
  matches(relativePath: string): boolean {
    return this.include(relativePath) && !this.exclude(relativePath);
  }
  /** A directory whose contents are all excluded need not be walked. */
  excludesDirectory(relativeDir: string): boolean {
    return this.exclude(`${relativeDir}/`) || this.exclude(`${relativeDir}/x`);
  }
}
