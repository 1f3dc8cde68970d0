/** The interactive docs, the OpenAPI document, CORS preflight and liveness of the production app. */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createTestApp } from './helpers/create-app';

interface OpenApiDoc {
  info: { description: string };
  paths: Record<string, Record<string, { requestBody: { content: Record<string, { examples: Record<string, { value: unknown }> }> }; responses: Record<string, { content?: Record<string, { schema: { $ref?: string }; example?: unknown; examples?: Record<string, { value: unknown }> }> }> }>>;
  components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] } & Record<string, unknown>> };
}

/** The schema at a path of property names below `schema`. */
function propertyAt(schema: unknown, ...names: string[]): Record<string, unknown> {
  let at = schema as { properties?: Record<string, unknown> };
  for (const name of names) at = at.properties?.[name] as { properties?: Record<string, unknown> };
  return at as Record<string, unknown>;
}

describe('docs, CORS and health', () => {
  let app: NestFastifyApplication;
  let doc: OpenApiDoc;

  beforeAll(async () => {
    app = await createTestApp();
    doc = (await request(app.getHttpServer()).get('/docs-json')).body as OpenApiDoc;
  });
  afterAll(() => app.close());

  it('serves the interactive docs at /docs', async () => {
    const res = await request(app.getHttpServer()).get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('swagger-ui');
  });

  it('lists the policies in the description', () => {
    expect(doc.info.description).toContain('- `dummy`: ');
    expect(doc.info.description).toContain('`basic`');
  });

  it('documents the request with a working example of each form', async () => {
    const op = doc.paths['/api/v1/schedule'].post;
    const examples = op.requestBody.content['application/json'].examples;
    expect(Object.keys(examples).sort()).toEqual(['bareName', 'basic', 'inlineObject', 'jsonString']);
    for (const { value } of Object.values(examples)) {
      const res = await request(app.getHttpServer())
        .post('/api/v1/schedule/')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(value));
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ok');
    }
    expect(doc.components.schemas.GenerateScheduleRequestDto.required?.sort()).toEqual(['policy', 't0', 't1']);
  });

  it("shows each policy's config class: types, bounds, enums, descriptions and defaults", () => {
    const basic = doc.components.schemas.BasicPolicyConfig;
    const minAngleAz = propertyAt(basic, 'rules', 'sun-avoidance', 'min_angle_az');
    expect(minAngleAz).toMatchObject({ type: 'number', minimum: 0, maximum: 180, default: 6 });
    expect(minAngleAz.description).toEqual(expect.any(String));
    expect(propertyAt(basic, 'rules', 'sun-avoidance', 'n_buffer')).toMatchObject({ type: 'integer', minimum: 0 });
    expect(propertyAt(basic, 'calibration_targets')).toMatchObject({ type: 'array', default: ['uranus', 'saturn'] });
    expect(JSON.stringify(propertyAt(basic, 'calibration_targets'))).toContain('"enum"');
    // A request sends overrides: nothing is required.
    expect(JSON.stringify(basic)).not.toContain('"required"');
    expect(doc.components.schemas.DummyPolicyConfig).toMatchObject({ type: 'object', properties: {}, additionalProperties: false });
  });

  it('documents the policy selection as a oneOf per policy with a discriminator on policy', () => {
    const selection = doc.components.schemas.PolicySelectionDto;
    expect(selection.oneOf).toEqual([{ $ref: '#/components/schemas/BasicPolicySelection' }, { $ref: '#/components/schemas/DummyPolicySelection' }]);
    expect(selection.discriminator).toEqual({
      propertyName: 'policy',
      mapping: { basic: '#/components/schemas/BasicPolicySelection', dummy: '#/components/schemas/DummyPolicySelection' },
    });
    expect(doc.components.schemas.BasicPolicySelection).toMatchObject({
      required: ['policy'],
      properties: { policy: { type: 'string', enum: ['basic'] }, config: { $ref: '#/components/schemas/BasicPolicyConfig' } },
    });
    const request = doc.components.schemas.GenerateScheduleRequestDto;
    expect(JSON.stringify(request.properties.policy)).toContain('#/components/schemas/PolicySelectionDto');
  });

  it('shows a real dummy answer as the 200 example, and no stale text', async () => {
    const op = doc.paths['/api/v1/schedule'].post;
    const shown = doc.components.schemas.ScheduleSuccessDto.properties.commands as { example: string };
    const value = op.requestBody.content['application/json'].examples.jsonString.value;
    const res = await request(app.getHttpServer()).post('/api/v1/schedule/').set('Content-Type', 'application/json').send(JSON.stringify(value));
    const sleeps = (text: string) => text.split('\n').filter((l) => l.startsWith('time.sleep('));
    expect(sleeps(shown.example)).toEqual(sleeps(res.body.commands));
    const text = JSON.stringify(doc);
    expect(text).not.toContain('supported policies: dummy"');
    expect(text).not.toContain('fine-steps');
  });

  it('documents both envelopes and every status code with examples', () => {
    const responses = doc.paths['/api/v1/schedule'].post.responses;
    expect(Object.keys(responses).sort()).toEqual(['200', '400', '413', '415', '500', '503']);
    expect(responses['200'].content?.['application/json'].schema.$ref).toBe('#/components/schemas/ScheduleSuccessDto');
    for (const code of ['400', '413', '415', '500', '503']) {
      const c = responses[code].content?.['application/json'];
      expect(c?.schema.$ref).toBe('#/components/schemas/ScheduleErrorDto');
      const values = c?.examples ? Object.values(c.examples).map((e) => e.value) : [c?.example];
      expect(values.length).toBeGreaterThan(0);
      for (const v of values) expect(Object.keys(v as object).sort()).toEqual(['message', 'status']);
    }
    expect(Object.keys(doc.components.schemas.ScheduleSuccessDto.properties).sort()).toEqual(['commands', 'message', 'status']);
    expect(Object.keys(doc.components.schemas.ScheduleErrorDto.properties).sort()).toEqual(['message', 'status']);
  });

  it('answers a CORS preflight from any origin', async () => {
    const res = await request(app.getHttpServer())
      .options('/api/v1/schedule/')
      .set('Origin', 'https://ops.example.org')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toMatch(/content-type/i);
  });

  it('answers GET /health', async () => {
    const res = await request(app.getHttpServer()).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers an unknown route with the envelope, not HTML', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/nothing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ status: 'error', message: 'Cannot GET /api/v1/nothing' });
  });
});
