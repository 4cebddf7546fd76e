using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Storage;

/// <summary>A verified webhook event about to be written to the inbox.</summary>
/// <param name="Vendor">Who sent it.</param>
/// <param name="EventId">The sender's id for the event; copies of one event share it.</param>
/// <param name="RecordKey">The record the event is about (e.g. <c>contact:123</c>); watermarks are kept per record.</param>
/// <param name="EventType">The vendor's event type (e.g. <c>contact.propertyChange</c>, <c>prospect.updated</c>).</param>
/// <param name="OccurredAt">When the change happened at the vendor (event time, not arrival time).</param>
/// <param name="Payload">The event's raw JSON as received.</param>
public sealed record IncomingEvent(VendorId Vendor, string EventId, string RecordKey, string EventType, DateTimeOffset OccurredAt, string Payload);
