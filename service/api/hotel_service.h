#ifndef GUESTVOICE_SERVICE_API_HOTEL_SERVICE_H_
#define GUESTVOICE_SERVICE_API_HOTEL_SERVICE_H_

#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "service/api/service_deps.h"
#include "service/api/wire_messages.h"
#include "service/tenancy/hotels.h"

namespace guestvoice::service {

// guestvoice.v1.HotelService: an organization's hotels (Hotels).
// Its methods are registered raw, so the server decodes every request itself
// and names a string that is not UTF-8 (wire_messages.h).
class HotelService final
    : public RawMethods<v1::HotelService::Service,
                        v1::HotelService::WithRawCallbackMethod_CreateHotel,
                        v1::HotelService::WithRawCallbackMethod_GetHotel,
                        v1::HotelService::WithRawCallbackMethod_ListHotels,
                        v1::HotelService::WithRawCallbackMethod_UpdateHotel,
                        v1::HotelService::WithRawCallbackMethod_DeleteHotel> {
 public:
  explicit HotelService(ServiceDeps deps) : deps_(deps), hotels_(deps.domain) {}

  grpc::ServerUnaryReactor* CreateHotel(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* GetHotel(grpc::CallbackServerContext* context,
                                     const grpc::ByteBuffer* wire_request,
                                     grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* ListHotels(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* UpdateHotel(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* DeleteHotel(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;

 private:
  ServiceDeps deps_;
  Hotels hotels_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_HOTEL_SERVICE_H_
