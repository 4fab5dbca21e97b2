#include "service/cluster/mutation_table.h"

#include <cassert>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "google/protobuf/empty.pb.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "guestvoice/v1/feedback_service.pb.h"
#include "guestvoice/v1/hotel_service.pb.h"
#include "guestvoice/v1/loyalty_service.pb.h"
#include "service/cluster/command_codec.h"
#include "service/core/resource_names.h"
#include "service/feedback/cases.h"
#include "service/feedback/feedback_items.h"
#include "service/feedback/ingest.h"
#include "service/feedback/reanalysis.h"
#include "service/feedback/reanalysis_runner.h"
#include "service/loyalty/check_ins.h"
#include "service/loyalty/guests.h"
#include "service/loyalty/loyalty_programs.h"
#include "service/loyalty/loyalty_statuses.h"
#include "service/loyalty/program.h"
#include "service/loyalty/stays.h"
#include "service/tenancy/api_keys.h"
#include "service/tenancy/bootstrap.h"
#include "service/tenancy/hotels.h"
#include "service/tenancy/organizations.h"

namespace guestvoice::service::cluster {
namespace {

using google::protobuf::Empty;
using google::protobuf::Message;

// A mutation whose apply step is `call(deps, domain, caller, request,
// response)` on the typed request and response.
template <typename Request, typename Response, typename Call>
Mutation Make(std::string_view service, std::string_view rpc,
              MutationReach reach, Call call) {
  Mutation mutation;
  mutation.method =
      absl::StrCat("guestvoice.v1.", AbslView(service), ".", AbslView(rpc));
  mutation.request_type = Request::descriptor();
  mutation.response_type = Response::descriptor();
  mutation.reach = reach;
  mutation.apply = [call = std::move(call)](const MutationDeps& deps,
                                            MutationCall& c) {
    return call(deps, c.domain, c.caller,
                static_cast<const Request&>(c.request),
                static_cast<Response&>(c.response));
  };
  return mutation;
}

// `mutation`, which has no prepare step of its own, with one that runs
// `check` on its request: checks
// added after the first command format run where the call is received,
// never when a command is applied, since a node of an earlier build applies
// the same commands without them (docs/cluster.md, "Record formats").
template <typename Request>
Mutation CheckedOnReceipt(Mutation mutation,
                          absl::Status (*check)(const Request&)) {
  assert(mutation.prepare == nullptr);
  mutation.prepare = [check](const MutationDeps&, MutationCall& call) {
    return check(static_cast<const Request&>(call.request));
  };
  return mutation;
}

// A mutation whose steps the caller sets.
template <typename Request, typename Response>
Mutation Declare(std::string_view service, std::string_view rpc,
                 MutationReach reach) {
  Mutation mutation;
  mutation.method =
      absl::StrCat("guestvoice.v1.", AbslView(service), ".", AbslView(rpc));
  mutation.request_type = Request::descriptor();
  mutation.response_type = Response::descriptor();
  mutation.reach = reach;
  return mutation;
}

// Make for a mutation whose outcome depends on its command's format: a
// command of an earlier build is applied as that build applied it, so that
// a node upgraded before it reached the command agrees with those that
// applied it earlier. `call` also receives the format.
template <typename Request, typename Response, typename Call>
Mutation MakeByFormat(std::string_view service, std::string_view rpc,
                      MutationReach reach, Call call) {
  Mutation mutation = Declare<Request, Response>(service, rpc, reach);
  mutation.apply = [call = std::move(call)](const MutationDeps&,
                                            MutationCall& c) {
    return call(c.domain, c.caller, static_cast<const Request&>(c.request),
                static_cast<Response&>(c.response), c.command.format());
  };
  return mutation;
}

// The organization a resource name starting "organizations/{id}" names, or
// the caller's when it does not parse (the mutation then fails alike on
// every node, wherever its command is).
std::string OrganizationIn(std::string_view name, const Principal& caller) {
  absl::StatusOr<std::string> organization =
      ParseOrganizationName("name", name);
  if (organization.ok()) return *std::move(organization);
  absl::StatusOr<ApiKeyName> key = ParseApiKeyName("name", name);
  if (key.ok()) return std::move(key->organization);
  return caller.organization();
}

// The prepare step of IngestFeedback and of each ImportFeedback item: the
// item, checked and analysed here, goes into the command.
absl::Status PrepareFeedback(const MutationDeps& deps, MutationCall& call,
                             std::string_view parent,
                             const v1::Feedback& feedback) {
  ASSIGN_OR_RETURN(std::string organization,
                   FeedbackIngester::CheckParent(call.caller, parent));
  const FeedbackIngester ingester(call.domain, deps.publisher, deps.analyzer,
                                  deps.analysis_times);
  ASSIGN_OR_RETURN(PreparedFeedback prepared,
                   ingester.Prepare(organization, feedback));
  internal::v1::PreparedFeedbackRecord& record =
      *call.command.mutable_prepared_feedback();
  record.set_organization(std::move(prepared.organization));
  record.set_hotel_id(std::move(prepared.hotel_id));
  record.mutable_feedback()->Swap(&prepared.feedback);
  return absl::OkStatus();
}

// Their apply step: stores the prepared item.
absl::StatusOr<IngestOutcome> ApplyPreparedFeedback(const MutationDeps& deps,
                                                    MutationCall& call) {
  if (!call.command.has_prepared_feedback()) {
    return absl::DataLossError(absl::StrCat(
        "a ", call.command.method(), " command without its prepared item"));
  }
  internal::v1::PreparedFeedbackRecord& record =
      *call.command.mutable_prepared_feedback();
  // The item goes into the organization its record names, and the command
  // is applied in order with the others of its own organization's
  // partition: the two must be one.
  if (record.organization() != call.command.organization()) {
    return absl::DataLossError(
        absl::StrCat("a ", call.command.method(), " command of organization '",
                     call.command.organization(), "' carries an item of '",
                     record.organization(), "'"));
  }
  PreparedFeedback prepared{
      .organization = std::move(*record.mutable_organization()),
      .hotel_id = std::move(*record.mutable_hotel_id())};
  prepared.feedback.Swap(record.mutable_feedback());
  const FeedbackIngester ingester(call.domain, deps.publisher, deps.analyzer,
                                  deps.analysis_times);
  return ingester.Apply(std::move(prepared));
}

}  // namespace

MutationTable::MutationTable(MutationDeps deps) : deps_(deps) {
  constexpr MutationReach kReplicated = MutationReach::kReplicated;

  // AdminService.
  // The receiving node decides the new organization's id, and its command
  // goes to that organization's partition: the platform admin's calls on
  // the organization (its first API key) read its record when applied, and
  // only commands of one partition are applied in one order on every node.
  Mutation create_organization =
      Declare<v1::CreateOrganizationRequest, v1::Organization>(
          "AdminService", "CreateOrganization", kReplicated);
  create_organization.prepare = [](const MutationDeps&, MutationCall& call) {
    const auto& request =
        static_cast<const v1::CreateOrganizationRequest&>(call.request);
    RETURN_IF_ERROR(CheckNamesOnOneLine(request));
    call.command.set_organization(
        NewOrganizationId(call.caller, request, call.domain.ids));
    return absl::OkStatus();
  };
  create_organization.apply = [](const MutationDeps&, MutationCall& call) {
    const auto& request =
        static_cast<const v1::CreateOrganizationRequest&>(call.request);
    auto& response = static_cast<v1::Organization&>(call.response);
    if (call.command.format() >= kOrganizationIdDecidedOnReceipt) {
      return Organizations(call.domain)
          .CreateWithId(call.caller, request, call.command.organization(),
                        call.command.organization(), response);
    }
    // Format 1 or 2: a command of an earlier build (its partition is the
    // caller's when the request names no id, which is drawn here, and the
    // request id is remembered in the caller's organization), or one that
    // names its id and carries no request id, which every build applies
    // alike.
    return Organizations(call.domain)
        .CreateWithId(call.caller, request,
                      request.organization_id().empty()
                          ? call.domain.ids.NewResourceId()
                          : request.organization_id(),
                      call.caller.organization(), response);
  };
  Add(std::move(create_organization));
  // The receiving node draws the secret; the command carries its hash.
  Mutation create_api_key = Declare<v1::CreateApiKeyRequest, v1::ApiKey>(
      "AdminService", "CreateApiKey", kReplicated);
  create_api_key.prepare = [](const MutationDeps&, MutationCall& call) {
    RETURN_IF_ERROR(CheckNamesOnOneLine(
        static_cast<const v1::CreateApiKeyRequest&>(call.request)));
    ApiKeySecret secret = ApiKeySecret::Draw();
    call.command.set_api_key_secret_sha256(secret.sha256());
    if (call.received != nullptr) {
      call.received->api_key_secret = std::move(secret);
    }
    return absl::OkStatus();
  };
  create_api_key.apply = [](const MutationDeps& deps,
                            MutationCall& call) -> absl::Status {
    if (call.command.api_key_secret_sha256().empty()) {
      return absl::DataLossError(
          "a CreateApiKey command without its secret's hash");
    }
    return ApiKeys(call.domain, deps.api_key_verifier)
        .StoreNewKey(call.caller,
                     static_cast<const v1::CreateApiKeyRequest&>(call.request),
                     call.command.api_key_secret_sha256(),
                     static_cast<v1::ApiKey&>(call.response))
        .status();
  };
  create_api_key.finish = [](const MutationDeps&, const DomainContext& node,
                             const ReceivingNodeOnly& received,
                             Message& response) {
    if (!received.api_key_secret.has_value()) return absl::OkStatus();
    return AttachSecretIfStored(node.store, *received.api_key_secret,
                                static_cast<v1::ApiKey&>(response));
  };
  create_api_key.organization = [](const Principal& caller,
                                   const Message& message) {
    return OrganizationIn(
        static_cast<const v1::CreateApiKeyRequest&>(message).parent(), caller);
  };
  Add(std::move(create_api_key));
  Mutation revoke_api_key = Make<v1::RevokeApiKeyRequest, v1::ApiKey>(
      "AdminService", "RevokeApiKey", kReplicated,
      [](const MutationDeps& deps, const DomainContext& domain,
         const Principal& caller, const auto& request, auto& response) {
        return ApiKeys(domain, deps.api_key_verifier)
            .Revoke(caller, request, response);
      });
  revoke_api_key.organization = [](const Principal& caller,
                                   const Message& message) {
    return OrganizationIn(
        static_cast<const v1::RevokeApiKeyRequest&>(message).name(), caller);
  };
  Add(std::move(revoke_api_key));
  // The receiving node records its taxonomy version; the owner of the
  // organization's partition runs the batches (cluster_reanalysis.h).
  Mutation reanalyze = Declare<v1::ReanalyzeFeedbackRequest, v1::Operation>(
      "AdminService", "ReanalyzeFeedback", kReplicated);
  reanalyze.prepare = [](const MutationDeps& deps, MutationCall& call) {
    *call.command.mutable_prepared_reanalysis() =
        FeedbackReanalysis(call.domain, deps.analyzer).Prepare();
    return absl::OkStatus();
  };
  reanalyze.apply = [](const MutationDeps& deps,
                       MutationCall& call) -> absl::Status {
    auto& operation = static_cast<v1::Operation&>(call.response);
    RETURN_IF_ERROR(FeedbackReanalysis(call.domain, deps.analyzer)
                        .Start(call.caller,
                               static_cast<const v1::ReanalyzeFeedbackRequest&>(
                                   call.request),
                               call.command.prepared_reanalysis(), operation));
    if (deps.reanalysis != nullptr) {
      ASSIGN_OR_RETURN(OperationName name,
                       ParseOperationName("name", operation.name()));
      deps.reanalysis->Enqueue(std::move(name));
    }
    return absl::OkStatus();
  };
  // In the partition of the organization it re-analyses, with its batches.
  reanalyze.organization = [](const Principal& caller, const Message& message) {
    return OrganizationIn(
        static_cast<const v1::ReanalyzeFeedbackRequest&>(message).parent(),
        caller);
  };
  Add(std::move(reanalyze));
  Add(Make<v1::CreateBackupRequest, v1::Backup>(
      "AdminService", "CreateBackup", MutationReach::kNodeLocal,
      [](const MutationDeps& deps, const DomainContext&,
         const Principal& caller, const auto& request, auto& response) {
        return deps.backups->Create(caller, request, response);
      }));
  Add(Make<v1::DeleteBackupRequest, Empty>(
      "AdminService", "DeleteBackup", MutationReach::kNodeLocal,
      [](const MutationDeps& deps, const DomainContext&,
         const Principal& caller, const auto& request,
         auto&) { return deps.backups->Delete(caller, request); }));

  // FeedbackService. Their steps are not Make's: both run on what their
  // prepare step put into the command.
  Mutation ingest = Declare<v1::IngestFeedbackRequest, v1::Feedback>(
      "FeedbackService", "IngestFeedback", kReplicated);
  ingest.prepare = [](const MutationDeps& deps, MutationCall& call) {
    const auto& request =
        static_cast<const v1::IngestFeedbackRequest&>(call.request);
    return PrepareFeedback(deps, call, request.parent(), request.feedback());
  };
  ingest.apply = [](const MutationDeps& deps,
                    MutationCall& call) -> absl::Status {
    ASSIGN_OR_RETURN(IngestOutcome outcome, ApplyPreparedFeedback(deps, call));
    static_cast<v1::Feedback&>(call.response) = std::move(outcome.feedback);
    return absl::OkStatus();
  };
  Add(std::move(ingest));
  // One item of an ImportFeedback stream (the stream's message), answered
  // with the item's result.
  Mutation import_item =
      Declare<v1::ImportFeedbackRequest, v1::ImportFeedbackResult>(
          "FeedbackService", "ImportFeedback", kReplicated);
  import_item.prepare = [](const MutationDeps& deps, MutationCall& call) {
    const auto& request =
        static_cast<const v1::ImportFeedbackRequest&>(call.request);
    return PrepareFeedback(deps, call, request.parent(), request.feedback());
  };
  import_item.apply = [](const MutationDeps& deps,
                         MutationCall& call) -> absl::Status {
    ASSIGN_OR_RETURN(IngestOutcome outcome, ApplyPreparedFeedback(deps, call));
    auto& result = static_cast<v1::ImportFeedbackResult&>(call.response);
    result.set_feedback(outcome.feedback.name());
    result.set_duplicate(outcome.duplicate);
    result.set_edited(outcome.edited);
    result.set_repeat(outcome.feedback.repeat());
    return absl::OkStatus();
  };
  Add(std::move(import_item));
  // An update of an earlier build's format to the values a case has
  // already rewrites the item, as the nodes that applied it then did.
  Add(CheckedOnReceipt<v1::UpdateFeedbackRequest>(
      MakeByFormat<v1::UpdateFeedbackRequest, v1::Feedback>(
          "FeedbackService", "UpdateFeedback", kReplicated,
          [](const DomainContext& domain, const Principal& caller,
             const auto& request, auto& response, uint32_t format) {
            return FeedbackItems(domain).Update(
                caller, request, response,
                format >= kUnchangedCasesKept
                    ? FeedbackItems::SameValues::kChangeNothing
                    : FeedbackItems::SameValues::kRewrite);
          }),
      CheckCaseTexts));

  // HotelService.
  Add(CheckedOnReceipt<v1::CreateHotelRequest>(
      Make<v1::CreateHotelRequest, v1::Hotel>(
          "HotelService", "CreateHotel", kReplicated,
          [](const MutationDeps&, const DomainContext& domain,
             const Principal& caller, const auto& request, auto& response) {
            return Hotels(domain).Create(caller, request, response);
          }),
      CheckNamesOnOneLine));
  Add(CheckedOnReceipt<v1::UpdateHotelRequest>(
      Make<v1::UpdateHotelRequest, v1::Hotel>(
          "HotelService", "UpdateHotel", kReplicated,
          [](const MutationDeps&, const DomainContext& domain,
             const Principal& caller, const auto& request, auto& response) {
            return Hotels(domain).Update(caller, request, response);
          }),
      CheckNamesOnOneLine));
  Add(Make<v1::DeleteHotelRequest, Empty>(
      "HotelService", "DeleteHotel", kReplicated,
      [](const MutationDeps&, const DomainContext& domain,
         const Principal& caller, const auto& request,
         auto&) { return Hotels(domain).Delete(caller, request); }));

  // LoyaltyService.
  Add(CheckedOnReceipt<v1::CreateGuestRequest>(
      Make<v1::CreateGuestRequest, v1::Guest>(
          "LoyaltyService", "CreateGuest", kReplicated,
          [](const MutationDeps&, const DomainContext& domain,
             const Principal& caller, const auto& request, auto& response) {
            return Guests(domain).Create(caller, request, response);
          }),
      CheckCreateGuestOnReceipt));
  Add(Make<v1::LinkIdentityRequest, v1::Guest>(
      "LoyaltyService", "LinkIdentity", kReplicated,
      [](const MutationDeps&, const DomainContext& domain,
         const Principal& caller, const auto& request, auto& response) {
        return Guests(domain).LinkIdentity(caller, request, response);
      }));
  Add(Make<v1::UnlinkIdentityRequest, v1::Guest>(
      "LoyaltyService", "UnlinkIdentity", kReplicated,
      [](const MutationDeps&, const DomainContext& domain,
         const Principal& caller, const auto& request, auto& response) {
        return Guests(domain).UnlinkIdentity(caller, request, response);
      }));
  // A merge of an earlier build's format forgets the merged guest's
  // CreateGuest requests, as the nodes that applied it then did.
  Add(MakeByFormat<v1::MergeGuestsRequest, v1::Guest>(
      "LoyaltyService", "MergeGuests", kReplicated,
      [](const DomainContext& domain, const Principal& caller,
         const auto& request, auto& response, uint32_t format) {
        return Guests(domain).Merge(
            caller, request, response,
            format >= kMergeKeepsCreateRequests
                ? Guests::MergedCreates::kAnswerTheSurvivor
                : Guests::MergedCreates::kForget);
      }));
  Add(Make<v1::EraseGuestRequest, Empty>(
      "LoyaltyService", "EraseGuest", kReplicated,
      [](const MutationDeps&, const DomainContext& domain,
         const Principal& caller, const auto& request,
         auto&) { return Guests(domain).Erase(caller, request); }));
  Add(CheckedOnReceipt<v1::RecordStayRequest>(
      Make<v1::RecordStayRequest, v1::Stay>(
          "LoyaltyService", "RecordStay", kReplicated,
          [](const MutationDeps&, const DomainContext& domain,
             const Principal& caller, const auto& request, auto& response) {
            return Stays(domain).Record(caller, request, response);
          }),
      +[](const v1::RecordStayRequest& request) {
        return CheckStaySpendOnReceipt(request.stay());
      }));
  // An update of an earlier build's format to the values a stay has
  // already rewrites it, as the nodes that applied it then did.
  Add(MakeByFormat<v1::UpdateStayRequest, v1::Stay>(
      "LoyaltyService", "UpdateStay", kReplicated,
      [](const DomainContext& domain, const Principal& caller,
         const auto& request, auto& response, uint32_t format) {
        return Stays(domain).Update(caller, request, response,
                                    format >= kUnchangedStaysKept
                                        ? Stays::SameValues::kChangeNothing
                                        : Stays::SameValues::kRewrite);
      }));
  Add(Make<v1::CancelStayRequest, v1::Stay>(
      "LoyaltyService", "CancelStay", kReplicated,
      [](const MutationDeps&, const DomainContext& domain,
         const Principal& caller, const auto& request, auto& response) {
        return Stays(domain).Cancel(caller, request, response);
      }));
  Add(Make<v1::RecordCheckInRequest, v1::CheckIn>(
      "LoyaltyService", "RecordCheckIn", kReplicated,
      [](const MutationDeps&, const DomainContext& domain,
         const Principal& caller, const auto& request, auto& response) {
        return CheckIns(domain).Record(caller, request, response);
      }));
  Add(CheckedOnReceipt<v1::UpdateLoyaltyProgramRequest>(
      Make<v1::UpdateLoyaltyProgramRequest, v1::LoyaltyProgram>(
          "LoyaltyService", "UpdateLoyaltyProgram", kReplicated,
          [](const MutationDeps&, const DomainContext& domain,
             const Principal& caller, const auto& request, auto& response) {
            return LoyaltyPrograms(domain).Update(caller, request, response);
          }),
      CheckNamesOnOneLine));
  Add(Make<v1::SetManualTierRequest, v1::LoyaltyStatus>(
      "LoyaltyService", "SetManualTier", kReplicated,
      [](const MutationDeps&, const DomainContext& domain,
         const Principal& caller, const auto& request, auto& response) {
        return LoyaltyStatuses(domain).SetManualTier(caller, request, response);
      }));

  // The cluster's first-start bootstrap, keyed by the organization it makes.
  Mutation bootstrap;
  bootstrap.method = std::string(kBootstrapMethod);
  bootstrap.request_type = internal::v1::BootstrapRequest::descriptor();
  bootstrap.response_type = internal::v1::BootstrapResponse::descriptor();
  bootstrap.apply = [](const MutationDeps&,
                       MutationCall& call) -> absl::Status {
    const auto& request =
        static_cast<const internal::v1::BootstrapRequest&>(call.request);
    ASSIGN_OR_RETURN(
        bool created,
        StoreBootstrapIfAbsent(call.domain.store, call.domain.clock.Now(),
                               request.admin_key()));
    static_cast<internal::v1::BootstrapResponse&>(call.response)
        .set_created(created);
    return absl::OkStatus();
  };
  bootstrap.organization = [](const Principal&, const Message&) {
    return std::string(kBootstrapOrganization);
  };
  Add(std::move(bootstrap));

  // A batch of a re-analysis, keyed by the operation's organization.
  Mutation batch;
  batch.method = std::string(kReanalysisBatchMethod);
  batch.request_type = internal::v1::ReanalysisBatchRequest::descriptor();
  batch.response_type = v1::Operation::descriptor();
  batch.apply = [](const MutationDeps& deps, MutationCall& call) {
    return FeedbackReanalysis(call.domain, deps.analyzer)
        .ApplyBatch(static_cast<const internal::v1::ReanalysisBatchRequest&>(
                        call.request),
                    static_cast<v1::Operation&>(call.response));
  };
  batch.organization = [](const Principal& caller, const Message& message) {
    absl::StatusOr<OperationName> name = ParseOperationName(
        "operation",
        static_cast<const internal::v1::ReanalysisBatchRequest&>(message)
            .operation());
    return name.ok() ? name->organization : caller.organization();
  };
  Add(std::move(batch));
}

void MutationTable::Add(Mutation mutation) {
  const size_t index = mutations_.size();
  by_request_.emplace(mutation.request_type, index);
  by_method_.emplace(mutation.method, index);
  mutations_.push_back(std::move(mutation));
}

const Mutation* MutationTable::FindByRequest(
    const google::protobuf::Descriptor& request_type) const {
  auto found = by_request_.find(&request_type);
  return found == by_request_.end() ? nullptr : &mutations_[found->second];
}

const Mutation* MutationTable::FindByMethod(std::string_view method) const {
  auto found = by_method_.find(AbslView(method));
  return found == by_method_.end() ? nullptr : &mutations_[found->second];
}

std::string MutationTable::OrganizationOf(const Mutation& mutation,
                                          const Principal& caller,
                                          const Message& request) const {
  return mutation.organization != nullptr
             ? mutation.organization(caller, request)
             : caller.organization();
}

absl::Status MutationTable::Prepare(const Mutation& mutation,
                                    MutationCall& call) const {
  return mutation.prepare != nullptr ? mutation.prepare(deps_, call)
                                     : absl::OkStatus();
}

absl::Status MutationTable::Apply(const Mutation& mutation,
                                  MutationCall& call) const {
  return mutation.apply(deps_, call);
}

absl::Status MutationTable::Finish(const Mutation& mutation,
                                   const DomainContext& node,
                                   const ReceivingNodeOnly& received,
                                   Message& response) const {
  return mutation.finish != nullptr
             ? mutation.finish(deps_, node, received, response)
             : absl::OkStatus();
}

absl::Status MutationTable::Run(const Mutation& mutation,
                                const DomainContext& domain,
                                const Principal& caller, const Message& request,
                                Message& response) const {
  // Applied where it is received, as a command of this build's format and
  // of the organization BuildCommand would key it by.
  internal::v1::Command command;
  command.set_format(kCommandFormat);
  command.set_organization(OrganizationOf(mutation, caller, request));
  ReceivingNodeOnly received;
  MutationCall call{.domain = domain,
                    .caller = caller,
                    .request = request,
                    .command = command,
                    .response = response,
                    .received = &received};
  RETURN_IF_ERROR(Prepare(mutation, call));
  RETURN_IF_ERROR(Apply(mutation, call));
  return Finish(mutation, domain, received, response);
}

}  // namespace guestvoice::service::cluster
