/** Request and response DTOs: validation and OpenAPI schema in one place. */
export * from './generate-schedule.request.dto';
export * from './schedule-response.dto';
export * from './policy-field';
export * from './schedule-request.validators';
export * from './plan-response.dto';
export * from './policies-response.dto';
