// Types of scripts/startState.mjs for the TypeScript tests.
export declare function runningStart(home: string): Promise<{ pid: number; url: string } | undefined>;
export declare function recordStart(home: string, pid: number, url: string): void;
export declare function forgetStart(home: string, pid: number): void;
