import type { RouteOutput, Routes, schemas } from '@steward/contract';

/** Shapes of API answers, named for the UI. All come from the contract. */
export type Me = RouteOutput<Routes['me']>;
export type MyCollective = Me['collectives'][number];
export type Role = (typeof schemas.Role.options)[number];
export type CollectiveKind = (typeof schemas.CollectiveKind.options)[number];
export type MemberHomeData = RouteOutput<Routes['memberHome']>;
export type MemberDataset = MemberHomeData['datasets'][number];
export type StewardHomeData = RouteOutput<Routes['stewardHome']>;
export type Dataset = RouteOutput<Routes['listDatasets']>['items'][number];
export type FieldDef = Dataset['schema']['fields'][number];
export type DataRecord = RouteOutput<Routes['myRecords']>['items'][number];
export type Invitation = RouteOutput<Routes['listInvitations']>['items'][number];
export type NewInvitation = RouteOutput<Routes['createInvitation']>;
export type MemberRow = RouteOutput<Routes['listMembers']>['items'][number];
export type ApiToken = RouteOutput<Routes['listTokens']>['items'][number];
export type NewApiToken = RouteOutput<Routes['createToken']>;
export type Reference = RouteOutput<Routes['reference']>;
export type InvitationPreview = RouteOutput<Routes['previewInvitation']>;
export type LogOverview = RouteOutput<Routes['logOverview']>;
export type LogCheckpoint = NonNullable<LogOverview['checkpoint']>;
export type LogEntry = RouteOutput<Routes['logEntries']>['items'][number];
export type MyLogEntries = RouteOutput<Routes['myLogEntries']>;
export type Receipt = RouteOutput<Routes['receipt']>;
export type ImportPreview = RouteOutput<Routes['previewImport']>;
export type ImportPreviewDataset = ImportPreview['datasets'][number];
export type ImportResult = RouteOutput<Routes['confirmImport']>;
