import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, AuditNotes, uuidParam } from '@stratum/common';
import { PlatformRoles, RequirePermissions } from '@stratum/rbac';
import { PlatformDatabase, TenantDatabase, TenantScoped } from '@stratum/tenancy';
import { RequireFeature } from '@stratum/entitlements';
import type { Response } from 'express';
import type { EntityManager } from 'typeorm';
import { AuditInterceptor } from './audit.interceptor';
import { AuditQueryService } from './audit-query.service';
import { AuditReportsService } from './audit-reports.service';
import type { AuditScope } from './audit-writer.service';
import {
  AuditEventDto,
  AuditExportQueryDto,
  AuditListQueryDto,
  AuditPageDto,
  ReportRangeDto,
  VerifyResultDto,
} from './dto/audit.dto';
import { AccessControlReportDto, ChangesReportDto, SecurityReportDto } from './dto/audit-reports.dto';

const CSV_COLUMNS = [
  'id',
  'seq',
  'occurredAt',
  'actorType',
  'actorId',
  'actorEmail',
  'impersonator',
  'action',
  'category',
  'severity',
  'resourceType',
  'resourceId',
  'outcome',
  'errorCode',
  'ip',
  'userAgent',
  'requestId',
  'changes',
  'metadata',
] as const;

/** A CSV cell; cells that a spreadsheet would run as a formula are defused with a quote. */
function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(e: AuditEventDto): string {
  const flat: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    id: e.id,
    seq: e.seq,
    occurredAt: e.occurredAt,
    actorType: e.actor.type,
    actorId: e.actor.id,
    actorEmail: e.actor.email,
    impersonator: e.impersonator,
    action: e.action,
    category: e.category,
    severity: e.severity,
    resourceType: e.resource.type,
    resourceId: e.resource.id,
    outcome: e.outcome,
    errorCode: e.errorCode,
    ip: e.ip,
    userAgent: e.userAgent,
    requestId: e.requestId,
    changes: e.changes,
    metadata: e.metadata,
  };
  return CSV_COLUMNS.map((c) => cell(flat[c])).join(',') + '\n';
}

/** Resolves once the response can take more, or once it is closed (its client gone). */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Streams a trail as CSV or JSON Lines, one batch at a time, honouring backpressure, and answers
 * how many rows it wrote and whether it wrote them all (its client may go away first). The
 * response is left open: the caller ends it.
 */
export async function streamExport(
  res: Response,
  query: AuditQueryService,
  em: EntityManager,
  scope: AuditScope,
  q: AuditExportQueryDto,
): Promise<{ rows: number; complete: boolean }> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  res.status(200);
  res.setHeader('Content-Type', q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="audit-${stamp}.${q.format}"`);
  let rows = 0;
  if (q.format === 'csv') res.write(CSV_COLUMNS.join(',') + '\n');
  for await (const batch of query.stream(em, scope, q)) {
    if (res.destroyed) break;
    const more = res.write(batch.map((e) => (q.format === 'csv' ? csvRow(e) : JSON.stringify(e) + '\n')).join(''));
    rows += batch.length;
    if (!more) await drained(res);
    // No further query once the client has gone: the request's transaction ends with its response.
    if (res.destroyed) break;
  }
  return { rows, complete: !res.destroyed };
}

@ApiTags('Audit')
@TenantScoped()
@Controller('audit-events')
export class AuditController {
  constructor(
    private readonly db: TenantDatabase,
    private readonly query: AuditQueryService,
    private readonly reports: AuditReportsService,
    private readonly notes: AuditNotes,
    private readonly audit: AuditInterceptor,
  ) {}

  @Get()
  @RequirePermissions('audit:read')
  @ApiOperation({ summary: 'Search the audit trail', description: 'Newest first; filters combine; cursor pagination.' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() q: AuditListQueryDto): Promise<AuditPageDto> {
    return this.query.list(await this.db.manager(), 'tenant', q, q.limit ?? 50, q.cursor);
  }

  @Get('verify')
  @RequirePermissions('audit:read')
  @ApiOperation({
    summary: 'Verify the hash chain',
    description:
      'Recomputes every event\u2019s keyed hash and checks the chain against its head: tampered or deleted events are reported.',
  })
  @ApiOkResponse({ type: VerifyResultDto })
  async verify(): Promise<VerifyResultDto> {
    return this.query.verify(await this.db.manager(), 'tenant');
  }

  @Get('export')
  @RequirePermissions('audit:export')
  @RequireFeature('audit_export')
  @Audited('audit.exported')
  @ApiOperation({
    summary: 'Export the audit trail',
    description: 'CSV or JSON Lines, with the same filters as the search, streamed (any size). The export is itself audited.',
  })
  @ApiOkResponse({
    description: `The matching events, newest first, as an attachment: \`format=csv\` a header row (${CSV_COLUMNS.join(', ')}) then one row per event; \`format=jsonl\` one audit event (as in the search) per line`,
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/x-ndjson': { schema: { type: 'string', description: 'One JSON audit event per line' } },
    },
  })
  async export(@Query() q: AuditExportQueryDto, @Res() res: Response): Promise<void> {
    const { rows, complete } = await streamExport(res, this.query, await this.db.manager(), 'tenant', q);
    const { format, ...filters } = q;
    this.notes.describe({ metadata: { format, rows, complete, filters } });
    // The download completes only once its event is committed; without one it is cut short.
    try {
      await this.audit.recordNow();
    } catch (err) {
      res.destroy();
      throw err;
    }
    res.end();
  }

  @Get('reports/access-control')
  @RequirePermissions('audit:read', 'users:read', 'roles:read')
  @ApiOperation({ summary: 'Access-control report: every user with their live roles, expiring roles and grants' })
  @ApiOkResponse({ type: AccessControlReportDto, description: 'Every user with their access now' })
  async accessControl(): Promise<AccessControlReportDto> {
    return this.reports.accessControl(await this.db.manager());
  }

  @Get('reports/changes')
  @RequirePermissions('audit:read')
  @ApiOperation({ summary: 'Changes report: counts by actor and by resource and action, in a period' })
  @ApiOkResponse({ type: ChangesReportDto, description: 'Successful changes in the period, counted' })
  async changes(@Query() q: ReportRangeDto): Promise<ChangesReportDto> {
    return this.reports.changes(await this.db.manager(), q);
  }

  @Get('reports/security')
  @RequirePermissions('audit:read')
  @ApiOperation({ summary: 'Security report: failed logins by IP, lockouts, refusals, impersonations, stolen refresh tokens' })
  @ApiOkResponse({ type: SecurityReportDto, description: 'Security events in the period' })
  async security(@Query() q: ReportRangeDto): Promise<SecurityReportDto> {
    return this.reports.security(await this.db.manager(), q);
  }

  @Get(':id')
  @RequirePermissions('audit:read')
  @ApiOperation({ summary: 'One audit event' })
  @ApiOkResponse({ type: AuditEventDto })
  async get(@Param('id', uuidParam('id')) id: string): Promise<AuditEventDto> {
    return this.query.get(await this.db.manager(), 'tenant', id);
  }
}

@ApiTags('Platform audit')
@Controller('platform/audit-events')
export class PlatformAuditController {
  constructor(
    private readonly db: PlatformDatabase,
    private readonly query: AuditQueryService,
  ) {}

  @Get()
  @PlatformRoles('super_admin', 'support')
  @ApiOperation({ summary: 'Search the platform audit trail (tenant lifecycle, staff logins, impersonation)' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() q: AuditListQueryDto): Promise<AuditPageDto> {
    return this.query.list(await this.db.manager(), 'platform', q, q.limit ?? 50, q.cursor);
  }

  @Get('verify')
  @PlatformRoles('super_admin', 'support')
  @ApiOperation({ summary: 'Verify the platform trail\u2019s hash chain' })
  @ApiOkResponse({ type: VerifyResultDto })
  async verify(): Promise<VerifyResultDto> {
    return this.query.verify(await this.db.manager(), 'platform');
  }

  @Get(':id')
  @PlatformRoles('super_admin', 'support')
  @ApiOperation({ summary: 'One platform audit event' })
  @ApiOkResponse({ type: AuditEventDto })
  async get(@Param('id', uuidParam('id')) id: string): Promise<AuditEventDto> {
    return this.query.get(await this.db.manager(), 'platform', id);
  }
}
