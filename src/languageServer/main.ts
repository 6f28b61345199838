// Entry point of dist/languageServer.js, started by the extension over IPC.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startKqlServer } from './server';

startKqlServer(createConnection(ProposedFeatures.all));
