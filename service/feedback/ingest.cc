#include "service/feedback/ingest.h"

#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "guestvoice/v1/hotel.pb.h"
#include "service/core/errors.h"
#include "service/core/one_line.h"
#include "service/core/proto_records.h"
#include "service/core/proto_time.h"
#include "service/core/resource_names.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/analysis_record.h"
#include "service/feedback/names.h"
#include "service/feedback/records.h"
#include "service/feedback/source_edit.h"
#include "service/feedback/text_fingerprint.h"
#include "service/feedback/validation.h"
#include "service/feedback/voices.h"
#include "service/tenancy/hotels.h"
#include "storage/keys.h"

namespace guestvoice::service {

absl::Status FeedbackIngester::Ingest(const Principal& caller,
                                      const v1::IngestFeedbackRequest& request,
                                      v1::Feedback& response) const {
  ASSIGN_OR_RETURN(std::string organization,
                   CheckParent(caller, request.parent()));
  ASSIGN_OR_RETURN(IngestOutcome outcome,
                   Ingest(organization, request.feedback()));
  response = std::move(outcome.feedback);
  return absl::OkStatus();
}

absl::StatusOr<std::string> FeedbackIngester::CheckParent(
    const Principal& caller, std::string_view parent) {
  ASSIGN_OR_RETURN(std::string organization,
                   ParseOrganizationName("parent", parent));
  RETURN_IF_ERROR(caller.RequireTenant(organization, parent));
  return organization;
}

absl::StatusOr<IngestOutcome> FeedbackIngester::Ingest(
    std::string_view organization, const v1::Feedback& input) const {
  ASSIGN_OR_RETURN(PreparedFeedback prepared, Prepare(organization, input));
  return Apply(std::move(prepared));
}

absl::StatusOr<PreparedFeedback> FeedbackIngester::Prepare(
    std::string_view organization, const v1::Feedback& input) const {
  const absl::Time now = deps_.clock.Now();
  FieldViolations violations;
  absl::StatusOr<HotelName> hotel_name =
      ParseHotelName("feedback.hotel", input.hotel());
  violations.AddAll(hotel_name.status());
  CheckFeedbackInput(violations, "feedback.", input, now);
  RETURN_IF_ERROR(violations.ToStatus());
  if (hotel_name->organization != organization) {
    return ResourceNotFound(input.hotel());
  }

  PreparedFeedback prepared{.organization = std::string(organization),
                            .hotel_id = std::move(hotel_name->hotel)};
  // The analysis is the expensive part, which is why it is here, where no
  // lock is held and no state is read. Timed with the steady clock, not
  // deps_.clock: this is a cost, not a point in the item's history.
  const auto analysis_began = std::chrono::steady_clock::now();
  v1::FeedbackAnalysis analysis =
      AnalyzeFeedbackText(analyzer_, input.text(), input.language_code());
  if (analysis_times_ != nullptr) {
    analysis_times_->Add(
        absl::FromChrono(std::chrono::steady_clock::now() - analysis_began));
  }
  v1::Feedback& feedback = prepared.feedback;
  feedback.set_hotel(FormatHotelName(organization, prepared.hotel_id));
  feedback.set_source(input.source());
  feedback.set_external_id(input.external_id());
  *feedback.mutable_author() = input.author();
  // Shown on one line in every list of feedback, and never reordered by a
  // hidden override; the platform's name is never a reason to refuse the
  // guest's feedback, so it is joined rather than refused.
  feedback.mutable_author()->set_display_name(
      JoinOnOneLine(input.author().display_name()));
  feedback.set_text(input.text());
  if (input.has_rating()) {
    v1::Rating& rating = *feedback.mutable_rating();
    rating.set_value(input.rating().value());
    rating.set_scale_min(input.rating().scale_min());
    rating.set_scale_max(input.rating().scale_max());
    rating.set_normalized_value((rating.value() - rating.scale_min()) /
                                (rating.scale_max() - rating.scale_min()));
  }
  feedback.set_language_code(input.language_code());
  *feedback.mutable_post_time() = input.post_time();
  if (input.has_edit_time()) *feedback.mutable_edit_time() = input.edit_time();
  *feedback.mutable_receive_time() = ToProtoTimestamp(now);
  *feedback.mutable_analysis() = std::move(analysis);
  feedback.mutable_case_()->set_state(v1::CASE_STATE_OPEN);
  *feedback.mutable_case_()->mutable_state_change_time() =
      ToProtoTimestamp(now);
  *feedback.mutable_update_time() = ToProtoTimestamp(now);
  return prepared;
}

absl::StatusOr<IngestOutcome> FeedbackIngester::Apply(
    PreparedFeedback prepared) const {
  const std::string& organization = prepared.organization;
  v1::Feedback& input = prepared.feedback;
  // The hotel is read under the organization's lock, which DeleteHotel
  // holds exclusively: a hotel deleted meanwhile is NOT_FOUND, never a hotel
  // whose history the delete did not see.
  auto organization_guard = deps_.organization_locks.LockShared(organization);
  ASSIGN_OR_RETURN(
      v1::Hotel hotel,
      ReadHotel(deps_.store, {organization, prepared.hotel_id}, input.hotel()));
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(hotel.time_zone(), &zone)) {
    return absl::InternalError("the hotel's stored time zone is unknown");
  }

  const std::string source_key = storage::FeedbackSourceIndexKey(
      organization, input.source(), input.external_id());
  const std::string author_key =
      AuthorKey(organization, input.source(), input.author().handle());
  // Computed where the item is applied, not where it was prepared: every
  // cluster node then judges repeats alike (docs/cluster.md, record format
  // 4); before the locks, which it needs none of. Empty for a rating
  // without words: it repeats nothing.
  const std::string text_digest = RepeatFingerprint(input);
  {
    // The dedupe key serialises retries of one item; the author key
    // serialises one author's posts (author registration, repeat detection).
    auto guard = deps_.locks.Lock(source_key, author_key);
    ASSIGN_OR_RETURN(
        std::optional<std::string> existing_id,
        deps_.store.Get(storage::ColumnFamily::kFeedback, source_key));
    if (!existing_id.has_value()) {
      return StoreNew(std::move(prepared), zone, author_key, text_digest);
    }
    ASSIGN_OR_RETURN(
        std::optional<internal::v1::StoredFeedback> existing,
        ReadStoredFeedback(deps_.store, organization, *existing_id));
    if (!existing.has_value()) {
      return absl::DataLossError(
          "the dedupe index names a feedback item that is not stored");
    }
    // A source's item is about one hotel: the same id sent for another is
    // a mapping mistake or two feeds sharing ids, never a retry, and
    // answering it with the first hotel's item would leave the second's
    // figures without it unnoticed.
    if (existing->feedback().hotel() != input.hotel()) {
      return ResourceAlreadyExists(
          existing->feedback().name(),
          absl::StrCat("source ", v1::Source_Name(input.source()),
                       "'s external_id \"", input.external_id(),
                       "\" is stored already for another hotel, as ",
                       existing->feedback().name(),
                       ": an item's hotel never changes; send another "
                       "hotel's item under its own external_id"));
    }
    if (!IsLaterEdit(existing->feedback(), input)) {
      return IngestOutcome{std::move(*existing->mutable_feedback()),
                           /*duplicate=*/true};
    }
  }
  // An edit takes more stripes than these (source_edit.h).
  ASSIGN_OR_RETURN(SourceEditOutcome edit,
                   ApplySourceEdit(deps_, organization, input));
  v1::Feedback& feedback = *edit.item.mutable_feedback();
  if (edit.edited) {
    publisher_.Publish(organization, feedback, FeedbackChange::kEdited);
  }
  return IngestOutcome{std::move(feedback), /*duplicate=*/!edit.edited,
                       /*edited=*/edit.edited};
}

absl::StatusOr<IngestOutcome> FeedbackIngester::StoreNew(
    PreparedFeedback prepared, const absl::TimeZone& zone,
    const std::string& author_key, const std::string& text_digest) const {
  const std::string& organization = prepared.organization;
  v1::Feedback& input = prepared.feedback;

  storage::WriteBatch batch;
  ASSIGN_OR_RETURN(std::optional<internal::v1::FeedbackAuthor> author,
                   ReadFeedbackAuthor(deps_.store, organization, input.source(),
                                      input.author().handle()));
  // An author seen for the first time has a fresh voice, which no repeat
  // entry names yet: only a known author's item can be a repeat.
  bool repeat = false;
  if (!author.has_value()) {
    author.emplace();
    author->set_voice(NewAuthorVoiceId(deps_.ids));
    batch.Put(storage::ColumnFamily::kFeedback, author_key,
              author->SerializeAsString());
  } else if (!text_digest.empty()) {
    ASSIGN_OR_RETURN(
        std::optional<std::string> earlier_same_text,
        deps_.store.Get(storage::ColumnFamily::kFeedback,
                        storage::FeedbackRepeatIndexKey(
                            organization, author->voice(), text_digest)));
    repeat = earlier_same_text.has_value();
  }

  internal::v1::StoredFeedback item;
  item.set_author_voice(author->voice());
  item.set_aggregate_day(HotelDay(FromProtoTimestamp(input.post_time()), zone));
  v1::Feedback& feedback = *item.mutable_feedback();
  feedback = std::move(input);
  feedback.set_name(
      FormatFeedbackName(organization, deps_.ids.NewResourceId()));
  feedback.set_repeat(repeat);
  if (!author->guest().empty()) {
    feedback.set_guest(FormatGuestName(organization, author->guest()));
  }

  PutNewFeedback(batch, organization, item, text_digest);
  AggregateDeltas deltas{organization};
  deltas.Add(item, VoiceOf(item), +1);
  deltas.AppendTo(batch);
  RETURN_IF_ERROR(deps_.store.Write(std::move(batch)));
  publisher_.Publish(organization, feedback, FeedbackChange::kNew);
  return IngestOutcome{std::move(feedback), /*duplicate=*/false};
}

}  // namespace guestvoice::service
