/** Request and response DTOs (OpenAPI documentation). */
export * from './generate-schedule.request.dto';
export * from './schedule-response.dto';
