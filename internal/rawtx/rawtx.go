// Package rawtx is the hand-written baseline of the SDK's benchmarks: ZEN's
// transaction typed the way a merchant would type it for encoding/json,
// with the same fields as types.Transaction and none of the SDK's
// guarantees (no unknown members kept, no drift tolerance).
package rawtx

import (
	"encoding/json"
	"time"
)

// Transaction is the transaction as a merchant would type it for
// encoding/json: the same members, amounts and enums as strings, numbers
// sent as numbers as json.Number, nothing kept beyond the fields.
type Transaction struct {
	ID                          string            `json:"id,omitempty"`
	ParentTransactionID         string            `json:"parentTransactionId,omitempty"`
	RedirectURL                 string            `json:"redirectUrl,omitempty"`
	ImageURL                    string            `json:"imageUrl,omitempty"`
	MerchantAction              *rawAction        `json:"merchantAction,omitempty"`
	MerchantTransactionID       string            `json:"merchantTransactionId"`
	OriginMerchantTransactionID string            `json:"originMerchantTransactionId,omitempty"`
	Amount                      string            `json:"amount"`
	Currency                    string            `json:"currency"`
	Fee                         *rawMoney         `json:"fee,omitempty"`
	SubsidiaryData              *rawSubsidiary    `json:"subsidiaryData,omitempty"`
	Authorization               *rawAuthorization `json:"authorization,omitempty"`
	CreatedAt                   time.Time         `json:"createdAt"`
	ModifiedAt                  time.Time         `json:"modifiedAt"`
	Type                        string            `json:"type"`
	Status                      string            `json:"status"`
	TopupTransferStatus         string            `json:"topupTransferStatus,omitempty"`
	PaymentChannel              string            `json:"paymentChannel,omitempty"`
	Actions                     *rawActions       `json:"actions,omitempty"`
	FraudFields                 map[string]any    `json:"fraudFields,omitempty"`
	RejectCode                  string            `json:"rejectCode,omitempty"`
	RejectReason                string            `json:"rejectReason,omitempty"`
	Refunds                     []rawRefund       `json:"refunds,omitempty"`
	Meta                        *rawMeta          `json:"meta,omitempty"`
	Customer                    *Customer         `json:"customer,omitempty"`
	CardInfo                    *rawCardInfo      `json:"cardInfo,omitempty"`
	PaymentToken                string            `json:"paymentToken,omitempty"`
	BillingAddress              *Address          `json:"billingAddress,omitempty"`
	ShippingAddress             *Address          `json:"shippingAddress,omitempty"`
	Items                       []Item            `json:"items,omitempty"`
	VerifyReturnmac             string            `json:"verifyReturnmac,omitempty"`
	Cashback                    *rawCashback      `json:"cashback,omitempty"`
	Source                      *Source           `json:"source,omitempty"`
}

type rawAction struct {
	Action string `json:"action"`
	Data   struct {
		RedirectURL string `json:"redirectUrl,omitempty"`
		ImageURL    string `json:"imageUrl,omitempty"`
	} `json:"data"`
}

type rawMoney struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
}

type rawSubsidiary struct {
	FeeAmount   string `json:"feeAmount"`
	GrossAmount string `json:"grossAmount"`
}

type rawAuthorization struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
	Fee      string `json:"fee,omitempty"`
}

type rawActions struct {
	Refund        bool `json:"refund"`
	Cancel        bool `json:"cancel"`
	Capture       bool `json:"capture"`
	Redirect      bool `json:"redirect"`
	Authorization bool `json:"authorization"`
	SelectOffer   bool `json:"selectOffer"`
	RenewOffers   bool `json:"renewOffers"`
}

type rawRefund struct {
	ID                          string     `json:"id"`
	MerchantTransactionID       string     `json:"merchantTransactionId"`
	OriginMerchantTransactionID string     `json:"originMerchantTransactionId,omitempty"`
	Amount                      string     `json:"amount"`
	Currency                    string     `json:"currency"`
	CreatedAt                   *time.Time `json:"createdAt,omitempty"`
	Status                      string     `json:"status,omitempty"`
}

type rawMeta struct {
	PayoutBtcAddress       string  `json:"payoutBtcAddress,omitempty"`
	BtcAmount              string  `json:"btcAmount,omitempty"`
	FeeOwner               string  `json:"feeOwner,omitempty"`
	ReturnURL              string  `json:"returnUrl,omitempty"`
	CustomIPNURL           string  `json:"customIpnUrl,omitempty"`
	ReturnVerifyURL        string  `json:"returnVerifyUrl,omitempty"`
	AvsResult              string  `json:"avsResult,omitempty"`
	CVVResult              string  `json:"cvvResult,omitempty"`
	AuthorisationCode      string  `json:"authorisationCode,omitempty"`
	ResultCode             string  `json:"resultCode,omitempty"`
	ThreeDS                *raw3DS `json:"threeDs,omitempty"`
	DestinationCurrency    string  `json:"destinationCurrency,omitempty"`
	DestinationAddress     string  `json:"destinationAddress,omitempty"`
	DestinationAddressMemo string  `json:"destinationAddressMemo,omitempty"`
	TravelRuleData         *struct {
		EntityType  string `json:"entityType,omitempty"`
		VaspName    string `json:"vaspName,omitempty"`
		FirstName   string `json:"firstName,omitempty"`
		LastName    string `json:"lastName,omitempty"`
		Address     string `json:"address,omitempty"`
		DateOfBirth string `json:"dateOfBirth,omitempty"`
	} `json:"travelRuleData,omitempty"`
	AmountToWithdraw        string  `json:"amountToWithdraw,omitempty"`
	PaymentCryptoAddress    string  `json:"paymentCryptoAddress,omitempty"`
	CryptoAmount            string  `json:"cryptoAmount,omitempty"`
	CryptoCurrencyShortName string  `json:"cryptoCurrencyShortName,omitempty"`
	CryptoCurrencyFullName  string  `json:"cryptoCurrencyFullName,omitempty"`
	CryptoNetworkFee        string  `json:"cryptoNetworkFee,omitempty"`
	Tracking                string  `json:"tracking,omitempty"`
	QRCodeData              string  `json:"qrCodeData,omitempty"`
	CryptoCurrency          string  `json:"cryptoCurrency,omitempty"`
	PromoCode               string  `json:"promoCode,omitempty"`
	WalletCurrency          *string `json:"walletCurrency,omitempty"`
	CurrencyName            *string `json:"currencyName,omitempty"`
	CurrencyCode            *string `json:"currencyCode,omitempty"`
	CurrencyLogoURL         *string `json:"currencyLogoUrl,omitempty"`
	Network                 *string `json:"network,omitempty"`
	NetworkCode             *string `json:"networkCode,omitempty"`
	NetworkLogoURL          *string `json:"networkLogoUrl,omitempty"`
	FundsAvailability       *string `json:"fundsAvailability,omitempty"`
	CaptureMode             *string `json:"captureMode,omitempty"`
}

type raw3DS struct {
	XID            string `json:"xid,omitempty"`
	Version        string `json:"version,omitempty"`
	ECI            string `json:"eci,omitempty"`
	CAVV           string `json:"cavv,omitempty"`
	CAVVAlgorithm  string `json:"cavvAlgorithm,omitempty"`
	EMV3DSFlow     string `json:"emv3DSFlow,omitempty"`
	Status         string `json:"status,omitempty"`
	CardHolderInfo string `json:"cardHolderInfo,omitempty"`
	ErrorData      *struct {
		Component   string `json:"component,omitempty"`
		Description string `json:"description,omitempty"`
		Detail      string `json:"detail,omitempty"`
	} `json:"errorData,omitempty"`
}

// Customer is the transaction customer.
type Customer struct {
	ID          string `json:"id,omitempty"`
	FirstName   string `json:"firstName,omitempty"`
	LastName    string `json:"lastName,omitempty"`
	Email       string `json:"email,omitempty"`
	Phone       string `json:"phone,omitempty"`
	Information string `json:"information,omitempty"`
	IP          string `json:"ip,omitempty"`
	Country     string `json:"country,omitempty"`
}

type rawCardInfo struct {
	MerchantCardToken string      `json:"merchantCardToken,omitempty"`
	Bank              string      `json:"bank,omitempty"`
	Country           string      `json:"country,omitempty"`
	Organization      string      `json:"organization,omitempty"`
	OrganizationBrand string      `json:"organizationBrand,omitempty"`
	Token             string      `json:"token,omitempty"`
	Type              string      `json:"type,omitempty"`
	LastFourDigits    json.Number `json:"lastFourDigits,omitempty"`
	ExpirationDate    *time.Time  `json:"expirationDate,omitempty"`
	Bin               json.Number `json:"bin,omitempty"`
	EEA               *bool       `json:"eea,omitempty"`
	Commercial        *bool       `json:"commercial,omitempty"`
	BinRangeID        string      `json:"binRangeId,omitempty"`
	BinRangeLow       string      `json:"binRangeLow,omitempty"`
	BinRangeHigh      string      `json:"binRangeHigh,omitempty"`
	CardHolderName    string      `json:"cardHolderName,omitempty"`
	CardHolder        *struct {
		FirstName  string `json:"firstName,omitempty"`
		MiddleName string `json:"middleName,omitempty"`
		LastName   string `json:"lastName,omitempty"`
		BirthDate  string `json:"birthDate,omitempty"`
	} `json:"cardHolder,omitempty"`
	Segment string `json:"segment,omitempty"`
}

// Address is a billing or shipping address.
type Address struct {
	ID             string `json:"id,omitempty"`
	FirstName      string `json:"firstName,omitempty"`
	LastName       string `json:"lastName,omitempty"`
	Country        string `json:"country,omitempty"`
	Street         string `json:"street,omitempty"`
	City           string `json:"city,omitempty"`
	CountryState   string `json:"countryState,omitempty"`
	Province       string `json:"province,omitempty"`
	BuildingNumber string `json:"buildingNumber,omitempty"`
	RoomNumber     string `json:"roomNumber,omitempty"`
	Postcode       string `json:"postcode,omitempty"`
	CompanyName    string `json:"companyName,omitempty"`
	Phone          string `json:"phone,omitempty"`
	TaxID          string `json:"taxId,omitempty"`
}

// Item is an order line.
type Item struct {
	Code            string `json:"code,omitempty"`
	Category        string `json:"category,omitempty"`
	Type            string `json:"type,omitempty"`
	Name            string `json:"name"`
	Price           string `json:"price"`
	Quantity        int64  `json:"quantity"`
	LineAmountTotal string `json:"lineAmountTotal"`
}

type rawCashback struct {
	Active bool `json:"active"`
	Values []struct {
		Type  string `json:"type"`
		Value string `json:"value"`
	} `json:"values,omitempty"`
	Client *struct {
		ID       string `json:"id,omitempty"`
		Type     string `json:"type,omitempty"`
		TenantID *int64 `json:"tenantId,omitempty"`
		Email    string `json:"email,omitempty"`
	} `json:"client,omitempty"`
}

// Source is the source object.
type Source struct {
	Channel         string `json:"channel"`
	PluginName      string `json:"pluginName,omitempty"`
	PluginVersion   string `json:"pluginVersion,omitempty"`
	PlatformName    string `json:"platformName,omitempty"`
	PlatformVersion string `json:"platformVersion,omitempty"`
	ProcessID       string `json:"processId,omitempty"`
	ProcessName     string `json:"processName,omitempty"`
}
