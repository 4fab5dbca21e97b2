#ifndef GUESTVOICE_SERVICE_API_HOTEL_SERVICE_H_
#define GUESTVOICE_SERVICE_API_HOTEL_SERVICE_H_

#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "service/api/service_deps.h"
#include "service/tenancy/hotels.h"

namespace guestvoice::service {

// guestvoice.v1.HotelService: an organization's hotels (Hotels).
class HotelService final : public v1::HotelService::CallbackService {
 public:
  explicit HotelService(ServiceDeps deps) : deps_(deps), hotels_(deps.domain) {}

  grpc::ServerUnaryReactor* CreateHotel(grpc::CallbackServerContext* context,
                                        const v1::CreateHotelRequest* request,
                                        v1::Hotel* response) override;
  grpc::ServerUnaryReactor* GetHotel(grpc::CallbackServerContext* context,
                                     const v1::GetHotelRequest* request,
                                     v1::Hotel* response) override;
  grpc::ServerUnaryReactor* ListHotels(
      grpc::CallbackServerContext* context,
      const v1::ListHotelsRequest* request,
      v1::ListHotelsResponse* response) override;
  grpc::ServerUnaryReactor* UpdateHotel(grpc::CallbackServerContext* context,
                                        const v1::UpdateHotelRequest* request,
                                        v1::Hotel* response) override;
  grpc::ServerUnaryReactor* DeleteHotel(
      grpc::CallbackServerContext* context,
      const v1::DeleteHotelRequest* request,
      google::protobuf::Empty* response) override;

 private:
  ServiceDeps deps_;
  Hotels hotels_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_HOTEL_SERVICE_H_
