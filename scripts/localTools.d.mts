// Types of scripts/localTools.mjs for the TypeScript test runner.
export declare const repoRoot: string;
export declare const vscodeModules: string;
export declare const serverMain: string;
export declare const browserArgs: string[];
export declare function nodeBinaryPackage(platform?: NodeJS.Platform, arch?: string): string;
export declare function node24(): { package: string; dir: string; bin: string; exe: string } | undefined;
export declare function chromiumCandidates(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string[];
export declare function findChromium(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string | undefined;
export declare function chromiumAdvice(platform?: NodeJS.Platform): string;
export declare function cleanEnv(env?: NodeJS.ProcessEnv): Record<string, string>;
export declare function isRoot(): boolean;
export declare function setUpLocalVscode(options: { browser: boolean }): boolean;
export declare function localVscodeMissing(options: { browser: boolean }): string | undefined;
