#include "service/api/request_routing.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "service/api/forwarded_call.h"
#include "service/api/wire_messages.h"
#include "service/core/resource_names.h"

namespace guestvoice::service {

std::optional<std::string> OrganizationNamedBy(
    const google::protobuf::Message& request) {
  const google::protobuf::Descriptor& type = *request.GetDescriptor();
  if (type.field_count() == 0) return std::nullopt;
  const google::protobuf::FieldDescriptor& first = *type.field(0);
  if (first.is_repeated()) return std::nullopt;
  const google::protobuf::Reflection& reflection = *request.GetReflection();
  if (first.type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
    return OrganizationOfName(reflection.GetString(request, &first));
  }
  if (first.type() != google::protobuf::FieldDescriptor::TYPE_MESSAGE ||
      !reflection.HasField(request, &first)) {
    return std::nullopt;
  }
  const google::protobuf::Message& resource =
      reflection.GetMessage(request, &first);
  const google::protobuf::FieldDescriptor* name =
      resource.GetDescriptor()->FindFieldByName("name");
  if (name == nullptr ||
      name->type() != google::protobuf::FieldDescriptor::TYPE_STRING ||
      name->is_repeated()) {
    return std::nullopt;
  }
  return OrganizationOfName(
      resource.GetReflection()->GetString(resource, name));
}

std::optional<std::string> MethodPathOf(
    const google::protobuf::Descriptor& request_type) {
  const google::protobuf::FileDescriptor& file = *request_type.file();
  for (int s = 0; s < file.service_count(); ++s) {
    const google::protobuf::ServiceDescriptor& service = *file.service(s);
    for (int m = 0; m < service.method_count(); ++m) {
      const google::protobuf::MethodDescriptor& method = *service.method(m);
      if (method.input_type() == &request_type) {
        return absl::StrCat("/", service.full_name(), "/", method.name());
      }
    }
  }
  return std::nullopt;
}

bool MayForward(const cluster::CallRouter* router,
                const grpc::ServerContextBase& context) {
  return router != nullptr && !router->AnswersEverything() &&
         !IsForwarded(context);
}

std::optional<std::string> ForwardAddressOf(
    const cluster::CallRouter* router, const grpc::ServerContextBase& context,
    const google::protobuf::Descriptor& request_type,
    const grpc::ByteBuffer& wire_request) {
  if (!MayForward(router, context)) return std::nullopt;
  std::unique_ptr<google::protobuf::Message> request(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(&request_type)
          ->New());
  if (!DecodeBuffer(wire_request, *request).ok()) return std::nullopt;
  std::optional<std::string> organization = OrganizationNamedBy(*request);
  if (!organization.has_value()) return std::nullopt;
  return router->ForwardAddress(*organization);
}

}  // namespace guestvoice::service
