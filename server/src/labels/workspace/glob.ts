// Minimal glob matching for the workspaceLabels include/exclude settings (`**`, `*`, `?`, `{a,b}`).

export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inBraces = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inBraces = true;
      re += '(?:';
    } else if (c === '}' && inBraces) {
      inBraces = false;
      re += ')';
    } else if (c === ',' && inBraces) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Matches workspace-relative POSIX paths against include and exclude globs. */
export class GlobFilter {
  private readonly include: RegExp[];
  private readonly exclude: RegExp[];
  constructor(include: string[], exclude: string[]) {
    this.include = include.map(globToRegExp);
    this.exclude = exclude.map(globToRegExp);
  }
  matches(relativePath: string): boolean {
    return this.include.some((r) => r.test(relativePath)) && !this.exclude.some((r) => r.test(relativePath));
  }
  /** A directory whose contents are all excluded need not be walked. */
  excludesDirectory(relativeDir: string): boolean {
    return this.exclude.some((r) => r.test(`${relativeDir}/`) || r.test(`${relativeDir}/x`));
  }
}
