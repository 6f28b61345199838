// The managed_identity policy model: pure, no I/O, no `vscode`.
export * from './model';
export * from './parse';
export * from './evaluate';
export * from './edit';
