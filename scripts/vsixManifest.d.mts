// Types of scripts/vsixManifest.mjs for the TypeScript tests.
export declare function stagedManifest(pkg: Record<string, unknown>): Record<string, unknown>;
