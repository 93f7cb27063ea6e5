package types

import (
	"bytes"
	"encoding/json"
	"reflect"
	"time"

	"github.com/zen-go/zen/internal/jsonx"
)

// MerchantAction tells the merchant how to continue a transaction: redirect
// the buyer (REDIRECT, FINGERPRINT) or show an image such as a QR code
// (DISPLAY_IMAGE). Data keeps the action's data object exactly as received,
// so actions this SDK does not know are not lost.
type MerchantAction struct {
	Action MerchantActionType `json:"action"`
	// RedirectURL is data.redirectUrl (REDIRECT and FINGERPRINT).
	RedirectURL string `json:"-"`
	// ImageURL is data.imageUrl (DISPLAY_IMAGE).
	ImageURL string `json:"-"`
	// Data is the raw data object.
	Data json.RawMessage `json:"data,omitempty"`
	// Extra keeps the members other than action and data, as received.
	Extra map[string]json.RawMessage `json:"-"`
}

type merchantActionFields MerchantAction

// UnmarshalJSON decodes the action and the data's redirectUrl and imageUrl
// when they are strings. Data of any other shape (an action this SDK does
// not know) is kept in Data without failing; null and "" read as an empty
// action, and any other value that is not an object is a
// *json.UnmarshalTypeError (inside a Transaction: kept in its Extra).
func (m *MerchantAction) UnmarshalJSON(b []byte) error {
	if v := bytes.TrimSpace(b); len(v) > 0 && v[0] != '{' && v[0] != 'n' && string(v) != `""` {
		return &json.UnmarshalTypeError{Value: jsonKind(v[0]), Type: reflect.TypeFor[MerchantAction]()}
	}
	*m = MerchantAction{}
	if err := jsonx.Unmarshal(b, (*merchantActionFields)(m)); err != nil {
		return err
	}
	m.JSONDecoded(jsonx.Inline{})
	return nil
}

// JSONDecoded sets the URLs from Data. The SDK's JSON engine calls it after
// reading an action's fields, so an action inside a transaction is read in
// the transaction's one pass.
func (m *MerchantAction) JSONDecoded(jsonx.Inline) {
	m.RedirectURL, m.ImageURL = "", ""
	if len(m.Data) == 0 || m.Data[0] != '{' {
		return
	}
	// Read as a struct with the two members would read them (the last
	// wins, names match up to case), without decoding Data again.
	var redirect, image []byte
	if jsonx.Members(m.Data, func(name, value []byte) {
		switch {
		case redirectURLName.Matches(name):
			redirect = value
		case imageURLName.Matches(name):
			image = value
		}
	}) == nil {
		// A member of another type is left in Data only.
		m.RedirectURL, m.ImageURL = stringMember(redirect), stringMember(image)
	}
}

// jsonKind names the kind of JSON value that starts with c, as
// json.UnmarshalTypeError does.
func jsonKind(c byte) string {
	switch c {
	case '"':
		return "string"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	}
	return "number"
}

type merchantActionData struct {
	RedirectURL string `json:"redirectUrl,omitempty"`
	ImageURL    string `json:"imageUrl,omitempty"`
}

// The data members MerchantAction reads.
var redirectURLName, imageURLName = jsonx.NewMemberName("redirectUrl"), jsonx.NewMemberName("imageUrl")

// stringMember returns the JSON string raw holds (see stringText), or ""
// for anything else.
func stringMember(raw json.RawMessage) string {
	if len(raw) == 0 || raw[0] != '"' {
		return ""
	}
	s, err := stringText(raw)
	if err != nil {
		return ""
	}
	return s
}

// MarshalJSON writes Data when set, otherwise a data object built from the
// URLs (none when both are empty), then Extra.
func (m MerchantAction) MarshalJSON() ([]byte, error) {
	w := merchantActionFields(m)
	if len(bytes.TrimSpace(w.Data)) == 0 {
		w.Data = nil
		if m.RedirectURL != "" || m.ImageURL != "" {
			d, err := jsonx.Marshal(merchantActionData{RedirectURL: m.RedirectURL, ImageURL: m.ImageURL})
			if err != nil {
				return nil, err
			}
			w.Data = d
		}
	}
	return jsonx.Marshal(w)
}

// TransactionMeta holds method-specific details of a transaction: 3-D
// Secure results, return and IPN URLs, crypto and payout data.
type TransactionMeta struct {
	PayoutBtcAddress        string                     `json:"payoutBtcAddress,omitempty"`
	BtcAmount               string                     `json:"btcAmount,omitempty"`
	FeeOwner                string                     `json:"feeOwner,omitempty"`
	ReturnURL               string                     `json:"returnUrl,omitempty"`
	CustomIPNURL            string                     `json:"customIpnUrl,omitempty"`
	ReturnVerifyURL         string                     `json:"returnVerifyUrl,omitempty"`
	AvsResult               string                     `json:"avsResult,omitempty"`
	CVVResult               string                     `json:"cvvResult,omitempty"`
	AuthorisationCode       string                     `json:"authorisationCode,omitempty"`
	ResultCode              string                     `json:"resultCode,omitempty"`
	ThreeDS                 *ThreeDS                   `json:"threeDs,omitempty"`
	DestinationCurrency     string                     `json:"destinationCurrency,omitempty"`
	DestinationAddress      string                     `json:"destinationAddress,omitempty"`
	DestinationAddressMemo  string                     `json:"destinationAddressMemo,omitempty"`
	TravelRuleData          *TravelRuleData            `json:"travelRuleData,omitempty"`
	AmountToWithdraw        string                     `json:"amountToWithdraw,omitempty"`
	PaymentCryptoAddress    string                     `json:"paymentCryptoAddress,omitempty"`
	CryptoAmount            string                     `json:"cryptoAmount,omitempty"`
	CryptoCurrencyShortName string                     `json:"cryptoCurrencyShortName,omitempty"`
	CryptoCurrencyFullName  string                     `json:"cryptoCurrencyFullName,omitempty"`
	CryptoNetworkFee        string                     `json:"cryptoNetworkFee,omitempty"`
	Tracking                string                     `json:"tracking,omitempty"`
	QRCodeData              string                     `json:"qrCodeData,omitempty"`
	CryptoCurrency          string                     `json:"cryptoCurrency,omitempty"`
	PromoCode               string                     `json:"promoCode,omitempty"`
	WalletCurrency          *string                    `json:"walletCurrency,omitempty"`
	CurrencyName            *string                    `json:"currencyName,omitempty"`
	CurrencyCode            *string                    `json:"currencyCode,omitempty"`
	CurrencyLogoURL         *string                    `json:"currencyLogoUrl,omitempty"`
	Network                 *string                    `json:"network,omitempty"`
	NetworkCode             *string                    `json:"networkCode,omitempty"`
	NetworkLogoURL          *string                    `json:"networkLogoUrl,omitempty"`
	FundsAvailability       *string                    `json:"fundsAvailability,omitempty"`
	CaptureMode             *string                    `json:"captureMode,omitempty"`
	Extra                   map[string]json.RawMessage `json:"-"`
}

type metaFields TransactionMeta

// MarshalJSON writes the modelled fields followed by Extra.
func (m TransactionMeta) MarshalJSON() ([]byte, error) { return jsonx.Marshal(metaFields(m)) }

// UnmarshalJSON reads the fields leniently and keeps unknown members in Extra.
func (m *TransactionMeta) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*metaFields)(m))
}

// ThreeDS is the 3-D Secure outcome of a card transaction.
type ThreeDS struct {
	XID            string                     `json:"xid,omitempty"`
	Version        string                     `json:"version,omitempty"`
	ECI            string                     `json:"eci,omitempty"`
	CAVV           string                     `json:"cavv,omitempty"`
	CAVVAlgorithm  string                     `json:"cavvAlgorithm,omitempty"`
	EMV3DSFlow     string                     `json:"emv3DSFlow,omitempty"`
	Status         string                     `json:"status,omitempty"`
	CardHolderInfo string                     `json:"cardHolderInfo,omitempty"`
	ErrorData      *ThreeDSError              `json:"errorData,omitempty"`
	Extra          map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type threeDSFields ThreeDS

// MarshalJSON writes the modelled fields followed by Extra.
func (t ThreeDS) MarshalJSON() ([]byte, error) { return jsonx.Marshal(threeDSFields(t)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (t *ThreeDS) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*threeDSFields)(t)) }

// ThreeDSError describes a 3-D Secure failure.
type ThreeDSError struct {
	Component   string                     `json:"component,omitempty"`
	Description string                     `json:"description,omitempty"`
	Detail      string                     `json:"detail,omitempty"`
	Extra       map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type threeDSErrorFields ThreeDSError

// MarshalJSON writes the modelled fields followed by Extra.
func (t ThreeDSError) MarshalJSON() ([]byte, error) { return jsonx.Marshal(threeDSErrorFields(t)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (t *ThreeDSError) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*threeDSErrorFields)(t))
}

// TravelRuleData is the originator data required for crypto transfers.
type TravelRuleData struct {
	EntityType  string                     `json:"entityType,omitempty"`
	VaspName    string                     `json:"vaspName,omitempty"`
	FirstName   string                     `json:"firstName,omitempty"`
	LastName    string                     `json:"lastName,omitempty"`
	Address     string                     `json:"address,omitempty"`
	DateOfBirth *Date                      `json:"dateOfBirth,omitempty"`
	Extra       map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type travelRuleDataFields TravelRuleData

// MarshalJSON writes the modelled fields followed by Extra.
func (t TravelRuleData) MarshalJSON() ([]byte, error) { return jsonx.Marshal(travelRuleDataFields(t)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (t *TravelRuleData) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*travelRuleDataFields)(t))
}

// CardInfo describes the card used for a transaction. Token is the saved
// card token (cardToken on later oneclick/recurring payments).
type CardInfo struct {
	MerchantCardToken string                     `json:"merchantCardToken,omitempty"`
	Bank              string                     `json:"bank,omitempty"`
	Country           string                     `json:"country,omitempty"`
	Organization      string                     `json:"organization,omitempty"`
	OrganizationBrand string                     `json:"organizationBrand,omitempty"`
	Token             string                     `json:"token,omitempty"`
	Type              CardType                   `json:"type,omitempty"`
	LastFourDigits    FlexString                 `json:"lastFourDigits,omitempty"`
	ExpirationDate    *time.Time                 `json:"expirationDate,omitempty"`
	Bin               FlexString                 `json:"bin,omitempty"`
	EEA               *bool                      `json:"eea,omitempty"`
	Commercial        *bool                      `json:"commercial,omitempty"`
	BinRangeID        string                     `json:"binRangeId,omitempty"`
	BinRangeLow       string                     `json:"binRangeLow,omitempty"`
	BinRangeHigh      string                     `json:"binRangeHigh,omitempty"`
	CardHolderName    string                     `json:"cardHolderName,omitempty"` // deprecated by ZEN; use CardHolder
	CardHolder        *CardHolder                `json:"cardHolder,omitempty"`
	Segment           string                     `json:"segment,omitempty"`
	Extra             map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type cardInfoFields CardInfo

// MarshalJSON writes the modelled fields followed by Extra.
func (c CardInfo) MarshalJSON() ([]byte, error) { return jsonx.Marshal(cardInfoFields(c)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (c *CardInfo) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*cardInfoFields)(c)) }

// CardHolder is the card holder's name and birth date as ZEN reports them.
type CardHolder struct {
	FirstName  string                     `json:"firstName,omitempty"`
	MiddleName string                     `json:"middleName,omitempty"`
	LastName   string                     `json:"lastName,omitempty"`
	BirthDate  string                     `json:"birthDate,omitempty"`
	Extra      map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type cardHolderFields CardHolder

// MarshalJSON writes the modelled fields followed by Extra.
func (c CardHolder) MarshalJSON() ([]byte, error) { return jsonx.Marshal(cardHolderFields(c)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (c *CardHolder) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*cardHolderFields)(c)) }

// Cashback is the cashback information of a transaction.
type Cashback struct {
	Active bool                       `json:"active"`
	Values []CashbackValue            `json:"values,omitempty"`
	Client *CashbackClient            `json:"client,omitempty"`
	Extra  map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type cashbackFields Cashback

// MarshalJSON writes the modelled fields followed by Extra.
func (c Cashback) MarshalJSON() ([]byte, error) { return jsonx.Marshal(cashbackFields(c)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (c *Cashback) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*cashbackFields)(c)) }

// CashbackValue is one cashback rule: a percentage or a flat amount, as
// text.
type CashbackValue struct {
	Type  CashbackValueType          `json:"type"`
	Value string                     `json:"value"`
	Extra map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type cashbackValueFields CashbackValue

// MarshalJSON writes the modelled fields followed by Extra.
func (c CashbackValue) MarshalJSON() ([]byte, error) { return jsonx.Marshal(cashbackValueFields(c)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (c *CashbackValue) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*cashbackValueFields)(c))
}

// CashbackClient identifies the ZEN client that receives cashback.
type CashbackClient struct {
	ID       string                     `json:"id,omitempty"`
	Type     string                     `json:"type,omitempty"`
	TenantID *int64                     `json:"tenantId,omitempty"`
	Email    string                     `json:"email,omitempty"`
	Extra    map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type cashbackClientFields CashbackClient

// MarshalJSON writes the modelled fields followed by Extra.
func (c CashbackClient) MarshalJSON() ([]byte, error) { return jsonx.Marshal(cashbackClientFields(c)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (c *CashbackClient) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*cashbackClientFields)(c))
}

// JSONInline marks TransactionMeta's JSON methods as the SDK engine's own.
func (*TransactionMeta) JSONInline(jsonx.Inline) {}

// JSONInline marks ThreeDS's JSON methods as the SDK engine's own.
func (*ThreeDS) JSONInline(jsonx.Inline) {}

// JSONInline marks ThreeDSError's JSON methods as the SDK engine's own.
func (*ThreeDSError) JSONInline(jsonx.Inline) {}

// JSONInline marks TravelRuleData's JSON methods as the SDK engine's own.
func (*TravelRuleData) JSONInline(jsonx.Inline) {}

// JSONInline marks CardInfo's JSON methods as the SDK engine's own.
func (*CardInfo) JSONInline(jsonx.Inline) {}

// JSONInline marks CardHolder's JSON methods as the SDK engine's own.
func (*CardHolder) JSONInline(jsonx.Inline) {}

// JSONInline marks Cashback's JSON methods as the SDK engine's own.
func (*Cashback) JSONInline(jsonx.Inline) {}

// JSONInline marks CashbackValue's JSON methods as the SDK engine's own.
func (*CashbackValue) JSONInline(jsonx.Inline) {}

// JSONInline marks CashbackClient's JSON methods as the SDK engine's own.
func (*CashbackClient) JSONInline(jsonx.Inline) {}
