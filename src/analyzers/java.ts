// Java (`com.microsoft.azure.kusto.ingest`). Read from the SDK's source
// (Azure/azure-kusto-java, ingest/…/ManagedStreamingIngestClient.java):
// `ManagedStreamingIngestClient.ingestFromBlob[Async]` asks storage for the
// blob's properties (`BlobAsyncClient.getProperties()`, anonymously) unless the
// BlobSourceInfo carries an exact size, and that size can only be set by the
// SDK itself (`blobExactSize` is filled by the internal `fromFile`/`fromStream`
// factories; 6.x removed the public size argument). With a `;managed_identity=`
// URI that request fails. The queued client (`IngestClientFactory.createClient`)
// never reads the blob: it passes the URI to the service, which uses the
// identity. So: a managed-identity blob given to a managed-streaming client is
// flagged, and the fix is the queued client, made where the client is created
// (elsewhere), so no automatic rewrite.

import type { Finding } from '../core/findings';
import { sizeFinding } from './fixes';
import type { FileAnalysis, LanguageRules } from './language';
import type { LoadedGrammar, Node } from './loader';
import { concatenationShape, identifiersUnder, queryBindings, type ScopeRules, type StringShape } from './miLiteral';
import { capture, listItems, namedChildrenOf } from './syntax';

const CALLS = ['ingestFromBlob', 'ingestFromBlobAsync'];
const FUNCTION_TYPES = new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']);
const BOUNDARY_TYPES = new Set<string>();
const IDENTIFIER = new Set(['identifier']);

const BINDINGS_QUERY = `
(variable_declarator name: (identifier) @name) @declarator
(assignment_expression left: (identifier) @name) @assignment
`;

// A variable or field that holds a managed-streaming client: declared with that
// type, or created by the factory or constructor.
const MANAGED_STREAMING_DECLARATION = /\bManagedStreamingIngestClient\s+(\w+)\s*[;=]/g;
const MANAGED_STREAMING_CREATION = /\b(\w+)\s*=\s*(?:IngestClientFactory\s*\.\s*)?(?:createManagedStreamingIngestClient\s*\(|new\s+ManagedStreamingIngestClient\s*\()/g;

function managedStreamingClients(text: string): Set<string> {
  const names = new Set<string>();
  if (!text.includes('ManagedStreamingIngestClient')) return names;
  for (const re of [MANAGED_STREAMING_DECLARATION, MANAGED_STREAMING_CREATION]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) names.add(m[1]);
  }
  return names;
}

function shape(expr: Node): StringShape | null {
  switch (expr.type) {
    case 'string_literal':
      return { literals: [expr.text], refs: [] };
    case 'parenthesized_expression': {
      const inner = expr.firstNamedChild;
      return inner ? shape(inner) : null;
    }
    case 'binary_expression':
      return concatenationShape(expr, shape);
    case 'identifier':
      return { literals: [], refs: [expr] };
    default:
      return null;
  }
}

export const JAVA_TRIGGERS: readonly string[] = CALLS;

export function createJavaRules(grammar: LoadedGrammar): LanguageRules {
  const { api, language } = grammar;
  const bindingsQuery = new api.Query(language, BINDINGS_QUERY);

  const scope: ScopeRules = {
    functionTypes: FUNCTION_TYPES,
    boundaryTypes: BOUNDARY_TYPES,
    parameterNames(fn) {
      const names = new Set<string>();
      identifiersUnder(fn.childForFieldName('parameters'), IDENTIFIER, names);
      return names;
    },
    bindings(container, start, end) {
      return queryBindings(bindingsQuery, container, start, end, (name, m) => {
        const declarator = capture(m, 'declarator');
        if (declarator) return { name: name.text, node: declarator, value: declarator.childForFieldName('value'), append: false };
        const assignment = capture(m, 'assignment');
        if (!assignment) return undefined;
        const op = assignment.childForFieldName('operator')?.type;
        return { name: name.text, node: assignment, value: op === '=' || op === '+=' ? assignment.childForFieldName('right') : null, append: op === '+=' };
      });
    },
    isModuleCode: () => false,
    moduleConstant(name) {
      // `static final String X = "..."` fields are the module constants of Java.
      const declarator = name.parent;
      const field = declarator?.parent;
      if (declarator?.type !== 'variable_declarator' || field?.type !== 'field_declaration') return undefined;
      const modifiers = namedChildrenOf(field).find((c) => c.type === 'modifiers')?.text ?? '';
      if (!/\bfinal\b/.test(modifiers)) return undefined;
      return { value: declarator.childForFieldName('value') };
    },
    shape,
  };

  return {
    triggers: JAVA_TRIGGERS,
    scope,
    callAt(token) {
      if (token.type !== 'identifier') return null;
      const call = token.parent;
      if (call?.type !== 'method_invocation' || call.childForFieldName('name')?.id !== token.id) return null;
      return call.childForFieldName('arguments') ? call : null;
    },
    begin(root, text) {
      const clients = managedStreamingClients(text);
      return {
        factsKey: [...clients].sort().join(','),
        analyzeCall(call, callee, resolver): Finding | null {
          const receiver = call.childForFieldName('object');
          const name = receiver?.type === 'identifier' ? receiver.text
            : receiver?.type === 'field_access' ? receiver.childForFieldName('field')?.text : undefined;
          if (!name || !clients.has(name)) return null;
          const args = call.childForFieldName('arguments');
          const first = args ? listItems(args)[0] : undefined;
          const source = first ? blobSourceCreation(first, root) : undefined;
          const uri = source?.childForFieldName('arguments') ? listItems(source.childForFieldName('arguments')!)[0] : undefined;
          if (!uri || !resolver.isManagedIdentity(uri)) return null;
          const message = `${callee.text} on a ManagedStreamingIngestClient gets a managed-identity blob: the client reads the blob's size from storage `
            + 'itself (a BlobSourceInfo cannot carry one), and with a ";managed_identity=" URI that request fails. '
            + 'Ingest blobs with the queued client (IngestClientFactory.createClient), which leaves reading the blob to the service and its managed identity.';
          return sizeFinding(callee, message, '', null);
        },
      } satisfies FileAnalysis;
    },
  };
}

/** `new BlobSourceInfo(...)` itself, or the one a local variable was initialised with in the same function. */
function blobSourceCreation(expr: Node, root: Node): Node | undefined {
  if (expr.type === 'object_creation_expression') return /\bBlobSourceInfo$/.test(expr.childForFieldName('type')?.text ?? '') ? expr : undefined;
  if (expr.type !== 'identifier') return undefined;
  let fn: Node | null = expr.parent;
  while (fn && !FUNCTION_TYPES.has(fn.type) && fn.id !== root.id) fn = fn.parent;
  if (!fn) return undefined;
  const body = fn.text;
  const at = new RegExp(String.raw`\b${expr.text}\s*=\s*new\s+BlobSourceInfo\s*\(`).exec(body);
  if (!at) return undefined;
  const offset = fn.startIndex + at.index + at[0].indexOf('new');
  let node: Node | null = root.descendantForIndex(offset, offset + 3);
  while (node && node.type !== 'object_creation_expression') node = node.parent;
  return node ?? undefined;
}
