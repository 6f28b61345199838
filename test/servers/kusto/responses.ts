// Wire shapes of Kusto responses: v1 tables (`/v1/rest/mgmt`), v2 frames
// (`/v2/rest/query`), the auth metadata, and the JSON error body.
import { randomUUID } from 'node:crypto';

export type ColumnType = 'string' | 'bool' | 'int' | 'long' | 'real' | 'guid' | 'datetime' | 'dynamic';

export interface ResultColumn {
  readonly name: string;
  readonly type: ColumnType;
}

export interface ResultTable {
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly (readonly unknown[])[];
}

const V1_DATA_TYPES: Record<ColumnType, string> = {
  string: 'String', bool: 'Boolean', int: 'Int32', long: 'Int64', real: 'Double', guid: 'Guid', datetime: 'DateTime', dynamic: 'Object',
};

export function v1Response(table: ResultTable): unknown {
  return {
    Tables: [{
      TableName: 'Table_0',
      Columns: table.columns.map((c) => ({ ColumnName: c.name, DataType: V1_DATA_TYPES[c.type], ColumnType: c.type })),
      Rows: table.rows,
    }],
  };
}

export function v2Response(table: ResultTable, clientRequestId: string): unknown {
  const columns = (cols: readonly ResultColumn[]) => cols.map((c) => ({ ColumnName: c.name, ColumnType: c.type }));
  return [
    { FrameType: 'DataSetHeader', IsProgressive: false, Version: 'v2.0', IsFragmented: false, ErrorReportingPlacement: 'InData' },
    {
      FrameType: 'DataTable', TableId: 0, TableKind: 'QueryProperties', TableName: '@ExtendedProperties',
      Columns: columns([{ name: 'TableId', type: 'int' }, { name: 'Key', type: 'string' }, { name: 'Value', type: 'dynamic' }]),
      Rows: [[1, 'Visualization', '{"Visualization":null}']],
    },
    { FrameType: 'DataTable', TableId: 1, TableKind: 'PrimaryResult', TableName: 'PrimaryResult', Columns: columns(table.columns), Rows: table.rows },
    {
      FrameType: 'DataTable', TableId: 2, TableKind: 'QueryCompletionInformation', TableName: 'QueryCompletionInformation',
      Columns: columns([
        { name: 'Timestamp', type: 'datetime' }, { name: 'ClientRequestId', type: 'string' }, { name: 'ActivityId', type: 'guid' },
        { name: 'Level', type: 'int' }, { name: 'LevelName', type: 'string' }, { name: 'StatusCode', type: 'int' },
        { name: 'StatusCodeName', type: 'string' }, { name: 'Payload', type: 'string' },
      ]),
      Rows: [[new Date().toISOString(), clientRequestId, randomUUID(), 4, 'Info', 0, 'S_OK (0)', '{"Count":1,"Text":"Query completed successfully"}']],
    },
    { FrameType: 'DataSetCompletion', HasErrors: false, Cancelled: false },
  ];
}

/** What `GET /v1/rest/auth/metadata` returns on the public cloud. */
export function authMetadata(): unknown {
  return {
    AzureAD: {
      LoginEndpoint: 'https://login.microsoftonline.com',
      LoginMfaRequired: false,
      KustoClientAppId: 'db662dc1-0cfe-4e1c-a843-19a68e65be58',
      KustoClientRedirectUri: 'https://microsoft/kustoclient',
      KustoServiceResourceId: 'https://kusto.kusto.windows.net',
      FirstPartyAuthorityUrl: 'https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    },
    dSTS: {
      CloudEndpointSuffix: 'windows.net',
      DstsRealm: 'realm://dsts.core.windows.net',
      DstsInstance: 'prod-dsts.dsts.core.windows.net',
      KustoDnsHostName: 'kusto.windows.net',
      ServiceName: 'kusto',
    },
  };
}

/** An error the server answers with: HTTP status plus the Kusto error body. */
export class KustoServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly type: string,
    readonly detail: string,
    readonly summary = 'Request is invalid and cannot be executed.',
  ) {
    super(detail);
  }

  static badRequest(detail: string): KustoServerError {
    return new KustoServerError(400, 'BadRequest', 'Kusto.Data.Exceptions.KustoBadRequestException', detail);
  }

  static syntax(detail: string): KustoServerError {
    return new KustoServerError(400, 'General_BadRequest', 'Kusto.Data.Exceptions.SyntaxException', `Syntax error: SYN0002: A recognition error occurred. ${detail}`);
  }

  static databaseNotFound(name: string): KustoServerError {
    return new KustoServerError(400, 'BadRequest_EntityNotFound', 'Kusto.Data.Exceptions.EntityNotFoundException', `Database '${name}' was not found.`);
  }
}

const FAULT_ERRORS: Record<number, [code: string, type: string, summary: string, detail: string]> = {
  401: ['Unauthorized', 'Kusto.Common.Svc.Exceptions.UnauthorizedOperationException', 'Unauthorized', 'The bearer token is missing, expired or not valid for this cluster.'],
  403: ['Forbidden', 'Kusto.DataNode.Exceptions.UnauthorizedDatabaseAccessException', 'Caller is not authorized to perform this action', 'Principal is not authorized to perform this operation.'],
  429: ['TooManyRequests', 'Kusto.DataNode.Exceptions.ControlCommandThrottledException', 'Request was throttled', 'The control command was aborted due to throttling. Retrying after some backoff might succeed.'],
  500: ['InternalServiceError', 'Kusto.Data.Exceptions.KustoServiceException', 'Internal service error', 'An unexpected error occurred.'],
  502: ['BadGateway', 'Kusto.Data.Exceptions.KustoServiceException', 'Bad gateway', 'The gateway could not reach the engine.'],
  503: ['ServiceUnavailable', 'Kusto.Data.Exceptions.KustoServiceTimeoutException', 'Service is unavailable', 'The service is temporarily unavailable.'],
  504: ['GatewayTimeout', 'Kusto.Data.Exceptions.KustoServiceTimeoutException', 'Gateway timeout', 'The engine did not answer in time.'],
};

export function statusError(status: number, detail?: string): KustoServerError {
  const [code, type, summary, fallback] = FAULT_ERRORS[status] ?? FAULT_ERRORS[500];
  return new KustoServerError(status, code, type, detail ?? fallback, summary);
}

export function errorBody(e: KustoServerError, context: { cluster: string; clientRequestId: string; csl?: string; db?: string }): unknown {
  return {
    error: {
      code: e.code,
      message: e.summary,
      '@type': e.type,
      '@message': e.detail,
      '@context': {
        timestamp: new Date().toISOString(),
        serviceAlias: context.cluster.toUpperCase(),
        machineName: 'KEngine000000',
        clientRequestId: context.clientRequestId,
        activityId: randomUUID(),
      },
      '@permanent': e.status < 500 && e.status !== 429,
      ...(context.csl !== undefined ? { '@text': context.csl } : {}),
      ...(context.db !== undefined ? { '@database': context.db } : {}),
    },
  };
}
