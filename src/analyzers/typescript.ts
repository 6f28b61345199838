// TypeScript and JavaScript (`azure-kusto-ingest`): new BlobDescriptor(path,
// size = null, sourceId = null) looks the size up in storage when it is missing;
// with a managed-identity URI that fails. The same rules run on the typescript,
// tsx and javascript grammars, so the queries use only node types all three have.

import type { Finding } from '../core/findings';
import { appendToList, missingSizeMessage, replaceNode, sizeFinding } from './fixes';
import type { FileAnalysis, LanguageRules } from './language';
import type { LoadedGrammar, Node } from './loader';
import { concatenationShape, identifiersUnder, interpolatedShape, queryBindings, type MiResolver, type ScopeRules, type StringShape } from './miLiteral';
import { capture, listItems } from './syntax';

const BLOB_DESCRIPTOR = 'BlobDescriptor';
const FUNCTION_TYPES = new Set([
  'function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition',
  'generator_function_declaration', 'generator_function', 'class_static_block',
]);
const BOUNDARY_TYPES = new Set(['public_field_definition', 'field_definition']);
const NOT_MODULE_CODE = new Set(['function_declaration', 'generator_function_declaration', 'class_declaration', 'abstract_class_declaration']);
const PARAMETER_NAME_TYPES = new Set(['identifier', 'shorthand_property_identifier_pattern']);
const TYPE_WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression']);

const BINDINGS_QUERY = `
(variable_declarator name: (identifier) @name) @declarator
(assignment_expression left: (identifier) @name) @assignment
(augmented_assignment_expression left: (identifier) @name) @augmented
(for_in_statement left: (identifier) @name) @other
`;

function unwrapExpression(node: Node): Node {
  let current = node;
  while (TYPE_WRAPPERS.has(current.type) || current.type === 'type_assertion') {
    const inner = current.type === 'type_assertion' ? current.lastNamedChild : current.firstNamedChild;
    if (!inner) break;
    current = inner;
  }
  return current;
}

function shape(expr: Node): StringShape | null {
  const e = unwrapExpression(expr);
  switch (e.type) {
    case 'string':
      return { literals: [e.text], refs: [] };
    case 'template_string':
      return interpolatedShape(e, 'template_substitution', (s) => [s.firstNamedChild]);
    case 'binary_expression':
      return concatenationShape(e, shape);
    case 'identifier':
      return { literals: [], refs: [e] };
    default:
      return null;
  }
}

const INGEST_FROM_BLOB = 'ingestFromBlob';

export const TYPESCRIPT_TRIGGERS: readonly string[] = [BLOB_DESCRIPTOR, INGEST_FROM_BLOB];

// azure-kusto-ingest (Azure/azure-kusto-node): the streaming and managed-streaming
// clients call `BlobDescriptor.fillSize()`, which reads the blob's properties from
// storage whenever the size is missing or 0 (`if (!this.size)`); with a
// managed-identity URI that request fails. The queued client sends the URI to the
// service and needs no size, so only streaming clients are looked at here.
const STREAMING_CLIENT = /(?:\b(\w+)|\bthis\.(\w+))\s*=\s*new\s+(?:\w+\.)?(?:ManagedStreamingIngestClient|StreamingIngestClient)\s*\(/g;

function streamingClients(text: string): Set<string> {
  const names = new Set<string>();
  if (!text.includes('StreamingIngestClient')) return names;
  STREAMING_CLIENT.lastIndex = 0;
  for (let m = STREAMING_CLIENT.exec(text); m; m = STREAMING_CLIENT.exec(text)) names.add(m[1] ?? m[2]);
  return names;
}

export function createTypeScriptRules(grammar: LoadedGrammar): LanguageRules {
  const { api, language } = grammar;
  const bindingsQuery = new api.Query(language, BINDINGS_QUERY);

  const scope: ScopeRules = {
    functionTypes: FUNCTION_TYPES,
    boundaryTypes: BOUNDARY_TYPES,
    parameterNames(fn) {
      const names = new Set<string>();
      identifiersUnder(fn.childForFieldName('parameters'), PARAMETER_NAME_TYPES, names);
      identifiersUnder(fn.childForFieldName('parameter'), PARAMETER_NAME_TYPES, names);
      return names;
    },
    bindings(container, start, end) {
      return queryBindings(bindingsQuery, container, start, end, (name, m) => {
        const declarator = capture(m, 'declarator');
        if (declarator) return { name: name.text, node: declarator, value: declarator.childForFieldName('value'), append: false };
        const assignment = capture(m, 'assignment');
        if (assignment) return { name: name.text, node: assignment, value: assignment.childForFieldName('right'), append: false };
        const augmented = capture(m, 'augmented');
        if (augmented) {
          const plus = augmented.childForFieldName('operator')?.type === '+=';
          return { name: name.text, node: augmented, value: plus ? augmented.childForFieldName('right') : null, append: plus };
        }
        return undefined;
      });
    },
    isModuleCode: (child) => !NOT_MODULE_CODE.has(child.type),
    moduleConstant(name) {
      const declarator = name.parent;
      if (declarator?.type !== 'variable_declarator' || declarator.childForFieldName('name')?.id !== name.id) return undefined;
      const declaration = declarator.parent;
      if (declaration?.type !== 'lexical_declaration' || declaration.child(0)?.type !== 'const') return undefined;
      const holder = declaration.parent?.type === 'export_statement' ? declaration.parent.parent : declaration.parent;
      if (holder?.type !== 'program') return undefined;
      return { value: declarator.childForFieldName('value') };
    },
    shape,
  };

  return {
    triggers: TYPESCRIPT_TRIGGERS,
    scope,
    callAt(token) {
      let callee: Node | null = null;
      const parent = token.parent;
      if (token.type === 'identifier') callee = token;
      else if (token.type === 'property_identifier' && parent?.type === 'member_expression'
        && parent.childForFieldName('property')?.id === token.id) callee = parent;
      const creation = callee?.parent;
      if (token.text === INGEST_FROM_BLOB) {
        // `client.ingestFromBlob(...)`: a call of a member.
        if (callee?.type !== 'member_expression' || creation?.type !== 'call_expression' || creation.childForFieldName('function')?.id !== callee.id) return null;
        return creation.childForFieldName('arguments') ? creation : null;
      }
      if (!callee || creation?.type !== 'new_expression' || creation.childForFieldName('constructor')?.id !== callee.id) return null;
      return creation.childForFieldName('arguments') ? creation : null;
    },
    begin(_root, text) {
      const clients = streamingClients(text);
      const passed = clients.size > 0 ? passedToStreaming(text, clients) : new Set<string>();
      return {
        factsKey: `${[...clients].sort().join(',')}|${[...passed].sort().join(',')}`,
        analyzeCall(creation, callee, resolver): Finding | null {
          if (creation.type === 'call_expression') return streamingFinding(creation, callee, resolver, clients);
          const list = creation.childForFieldName('arguments');
          if (!list) return null;
          const items = listItems(list);
          if (items.some((i) => i.type === 'spread_element')) return null;
          const [path, size] = items;
          if (!path || !resolver.isManagedIdentity(path)) return null;
          const value = size ? unwrapExpression(size) : undefined;
          if (value && value.type !== 'null' && value.type !== 'undefined') return null;
          // A streaming client reads storage for a size of 0 too: size 0 is no fix there.
          const streaming = clients.size > 0 ? streamingUse(creation, clients, passed) : undefined;
          if (streaming === 'argument') return null; // the ingestFromBlob call is reported, with the advice
          if (streaming === 'variable') return sizeFinding(callee, `new ${BLOB_DESCRIPTOR} gets a managed-identity blob URI without its exact size and goes to ${STREAMING_ADVICE}`, '', null);
          const fixPhrase = 'Pass the raw (uncompressed) data size as the second argument';
          if (!size) {
            const message = missingSizeMessage(`new ${BLOB_DESCRIPTOR} gets a managed-identity blob URI but no size`, fixPhrase);
            return sizeFinding(callee, message, 'Pass size 0 (let the service discover the blob size)', appendToList(text, list, '0'));
          }
          const message = missingSizeMessage(`new ${BLOB_DESCRIPTOR} gets a managed-identity blob URI and a ${value!.text} size`, fixPhrase);
          return sizeFinding(callee, message, 'Pass size 0 (let the service discover the blob size)', replaceNode(value!, '0'));
        },
      } satisfies FileAnalysis;
    },
  };
}

/** `client.ingestFromBlob(<managed-identity blob>)` on a streaming client: no size the SDK can use, so it reads storage. */
function streamingFinding(call: Node, callee: Node, resolver: MiResolver, clients: ReadonlySet<string>): Finding | null {
  // `callee` is the `ingestFromBlob` name token; its parent is `client.ingestFromBlob`.
  const name = clientName(callee.parent?.childForFieldName('object') ?? null);
  if (!name || !clients.has(name)) return null;
  const args = call.childForFieldName('arguments');
  const first = args ? listItems(args)[0] : undefined;
  if (!first) return null;
  let uri: Node | undefined = first;
  const blob = unwrapExpression(first);
  if (blob.type === 'new_expression' && /(^|\.)BlobDescriptor$/.test(blob.childForFieldName('constructor')?.text ?? '')) {
    const [path, size] = blob.childForFieldName('arguments') ? listItems(blob.childForFieldName('arguments')!) : [];
    const sizeValue = size ? unwrapExpression(size) : undefined;
    // A real size is used as given; a missing, null or 0 size makes fillSize() read storage.
    if (sizeValue && !['null', 'undefined'].includes(sizeValue.type) && sizeValue.text !== '0') return null;
    uri = path;
  }
  if (!uri || !resolver.isManagedIdentity(uri)) return null;
  return sizeFinding(callee, `${INGEST_FROM_BLOB} on a streaming client gets a managed-identity blob without its exact size: ${STREAMING_WHY}`, '', null);
}

const STREAMING_WHY = 'the client reads the blob\'s size from storage '
  + '(BlobDescriptor.fillSize, also for a size of 0), and with a ";managed_identity=" URI that request fails. Pass new BlobDescriptor(uri, <exact size>), '
  + 'or ingest blobs with the queued client (QueuedIngestClient), which leaves reading the blob to the service and its managed identity.';
const STREAMING_ADVICE = `ingestFromBlob on a streaming client: ${STREAMING_WHY}`;

const WRAPPERS = new Set([...TYPE_WRAPPERS, 'type_assertion']);

/**
 * Whether the descriptor `new BlobDescriptor(...)` goes to a streaming client:
 * as the first argument of its `ingestFromBlob` call, or through the variable it
 * initialises (`const d = new BlobDescriptor(u); streaming.ingestFromBlob(d)`).
 */
function streamingUse(creation: Node, clients: ReadonlySet<string>, passed: ReadonlySet<string>): 'argument' | 'variable' | undefined {
  let node = creation;
  while (node.parent && WRAPPERS.has(node.parent.type)) node = node.parent;
  const parent = node.parent;
  if (parent?.type === 'arguments' && parent.firstNamedChild?.id === node.id) {
    const call = parent.parent;
    const callee = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
    if (callee?.type === 'member_expression' && callee.childForFieldName('property')?.text === INGEST_FROM_BLOB && clientName(callee.childForFieldName('object')) !== undefined
      && clients.has(clientName(callee.childForFieldName('object'))!)) return 'argument';
    return undefined;
  }
  const name = parent?.type === 'variable_declarator' && parent.childForFieldName('value')?.id === node.id ? parent.childForFieldName('name') : null;
  return name?.type === 'identifier' && passed.has(name.text) ? 'variable' : undefined;
}

const PASSED_TO_CLIENT = new RegExp(String.raw`(?:\bthis\s*\.\s*|\b)(\w+)\s*\.\s*${INGEST_FROM_BLOB}\s*\(\s*(\w+)\b(?!\s*[.[(])`, 'g');

/** Variables handed as they are to a streaming client's `ingestFromBlob` (`streaming.ingestFromBlob(descriptor, ...)`). */
function passedToStreaming(text: string, clients: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  PASSED_TO_CLIENT.lastIndex = 0;
  for (let m = PASSED_TO_CLIENT.exec(text); m; m = PASSED_TO_CLIENT.exec(text)) if (clients.has(m[1])) names.add(m[2]);
  return names;
}

/** `client` in `client.ingestFromBlob` or `this.client.ingestFromBlob`. */
function clientName(receiver: Node | null): string | undefined {
  if (receiver?.type === 'identifier') return receiver.text;
  if (receiver?.type === 'member_expression' && receiver.childForFieldName('object')?.type === 'this') return receiver.childForFieldName('property')?.text;
  return undefined;
}
